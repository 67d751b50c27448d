// The credit archive of one subject as a viewer sees it: the document behind
// GET /api/v1/subjects/{code} (the route and the audit table are the HTTP layer's).
//
// Who sees what (ARCHITECTURE.md decision 6; the Viewer is core/role.h):
//   public, auditor     public records only (archive/publicity.h), masked.
//   enterprise          its own archive (viewer.subject == code) in full: every record
//                       with its publicity status, unmasked; any other subject as the
//                       public sees it.
//   source              the records it provided (record.source == viewer.source) in full,
//                       with their status, unmasked; other records as the public sees them.
//   deciding, regulator, credit_office
//                       everything, with its status, unmasked (duty-based access).
// "In full" means a record that is not public is shown too, carrying its publicity
// status ("expired", "repaired", ...). Masked means: fields masked by the class's
// `publicity.masked` rules (archive/masking.h; hidden fields left out).
//
// Natural persons: a class publishes records about natural persons only with
// `natural_persons_public` (court defaulters), so the public sees a person only through
// such records, and the person's code (ID number) is masked in the document. A person
// with nothing the viewer may see is answered NotFound, exactly like an unknown code:
// the answer never reveals that a person is on file.
//
// The document (JSON, the shape the portal is written against):
//   {"subject": {"code", "code_kind", "name", "former_names": [..], "type", "type_zh",
//                "status", "division", "division_name", "stub",
//                "registration": [{"field", "name_zh", "name_en", "value"}]},
//    "view": {"role", "role_zh", "as_of", "full", "masked"},
//    "classes": [{"class", "name_zh", "name_en", "count",
//                 "records": [{"id", "version", "source", "decision_date", "state", "state_zh",
//                              "public",
//                              "publicity": {"status", "status_zh", "rule_version", "severity",
//                                            "severity_zh", "from", "until",
//                                            "repairable_from", "reason_zh", "reason_en"},
//                              "fields": [{"field", "name_zh", "name_en", "value"}]}]}]}
//  - subject.registration: the registration facts (the registration class's fields
//    from the subject's registration JSON, catalog order, empty values omitted, masked
//    like records; the fields already in the header - name, uscc, status, former
//    names - left out). The registration class is not repeated under classes.
//  - view.full: the viewer sees this subject's whole archive (Viewer::OwnsSubject);
//    view.masked = !full (a source's own records are unmasked even so).
//  - classes in catalog order, only those with a record the viewer sees; count = the
//    records shown. Records newest decision first (no date last), then by id.
//  - Fields in catalog order, empty values omitted, values as stored (normalised by
//    ingest) except amounts of 万元 fields, which ingest stores in 元 and which are
//    shown in 万元 as their names say ("0.5", not "5000.00"). Dates "YYYY-MM-DD"; a missing date
//    (decision_date, from, until, repairable_from) is null. `until` is exclusive.
//
// SubjectView::disclosed lists every non-public item the document shows, for the
// audit log; it is empty iff the document holds only what the public may see:
//   "record 12 penalty expired"        a non-public record (id, class, status)
//   "unmasked CF_XDR_ZJHM of record 12" a field shown unmasked whose masked form differs
//   "unmasked DJ_FR_ZJHM of registration"
//   "natural person archive"           a natural person's archive shown with its code
//                                      unmasked, or with nothing public in it
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "archive/archive.h"
#include "catalog/catalog.h"
#include "core/date.h"
#include "core/result.h"
#include "core/role.h"
#include "store/store.h"

namespace gongxin::archive {

struct SubjectView {
  std::string json;                    // the document above (compact)
  std::vector<std::string> disclosed;  // non-public items shown; empty iff none
};

// The kind of code a caller gave: "uscc" (valid, core/uscc.h), "id_number" (valid,
// core/id_number.h), "other_certificate" (5 to 40 characters of ASCII letters, digits
// and - / ( ), not looking like a failed uscc or ID number). InvalidArgument (English
// and Chinese, with the validator's reason) otherwise. The code is taken as given after
// trimming ASCII white space and upper-casing ASCII letters (*normalized).
Result<std::string> ClassifySubjectCode(std::string_view code, const CodeTables& tables, Date today,
                                        std::string* normalized);

// Chinese name of a record state: 有效 (active), 已修复 (repaired), 已撤销 (revoked); the
// state itself if unknown.
std::string_view RecordStateNameZh(std::string_view state);

// Chinese name of a subject kind (SubjectKindName): 企业, 个体工商户, 农民专业合作社,
// 社会组织, 事业单位, 机关, 其他组织, 自然人; the kind itself if unknown.
std::string_view SubjectKindNameZh(std::string_view kind);

// "广东省深圳市南山区" for 440305 (province, prefecture, county names, skipping 市辖区
// and the like); "" if the division is unknown.
std::string DivisionName(const CodeTables& tables, std::string_view division);

// The document for `code` as `viewer` sees it on `today`. InvalidArgument (400) for a
// code ClassifySubjectCode rejects; NotFound (404) for an unknown code and for a natural
// person with nothing the viewer may see; store errors as they come.
Result<SubjectView> BuildSubjectView(store::Store& store, const catalog::Catalog& catalog,
                                     std::string_view code, const Viewer& viewer, Date today);

// The same from already-read data (no store): `records` are the subject's current
// records (ArchiveReader::CurrentRecords). NotFound as above. Exposed for benchmarks.
Result<SubjectView> RenderSubjectView(const catalog::Catalog& catalog, const Subject& subject,
                                      const std::vector<CurrentRecord>& records,
                                      const Viewer& viewer, Date today);

}  // namespace gongxin::archive
