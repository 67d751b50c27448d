// An information class (信息类) of the catalog: one kind of record, e.g. the
// administrative penalty, with its fields, identity, deadline and publicity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/field_spec.h"
#include "catalog/localized_name.h"
#include "core/date.h"

namespace gongxin::catalog {

// Which fields identify the subject (信用主体) a record is about.
struct SubjectKeys {
  std::string name_field;       // always set: the subject's name
  std::string uscc_field;       // the subject's uscc, if the class has one
  std::string id_number_field;  // a natural person's ID number, if the class has one
  std::string category_field;   // 行政相对人类别 (a counterpart_category code), if any
};

// How long a source has to hand a record in (the timeliness rule, 及时率).
struct Deadline {
  int working_days = 0;    // e.g. 7 for licences and penalties
  std::string from_field;  // the date field the days count from (the decision date)
  std::string source;
  std::string unsure;  // non-empty: why the number is UNSURE
};

// How a field is masked in public views (脱敏).
enum class MaskKind {
  kIdNumber,  // id_number: keep the first 6 and last 4 characters
  kPhone,     // phone: keep the first 3 and last 4 digits
  kAddress,   // address: keep the division (province, city, county), hide the rest
  kName,      // name: keep the family name
  kHidden,    // hidden: never shown publicly
};
std::string_view MaskKindName(MaskKind kind);
std::optional<MaskKind> ParseMaskKind(std::string_view name);
const std::vector<std::string>& MaskKindNames();

struct MaskRule {
  std::string field;
  MaskKind kind = MaskKind::kHidden;
};

// Whether and how records of the class are published.
struct Publicity {
  bool is_public = false;  // published at all (公示)
  // Records about natural persons are not published unless this says so.
  bool natural_persons_public = false;
  std::string period_rules;  // id of a publicity rule set (publicity/<id>.yaml), or ""
  // A date field of the class (type date or date_or_longterm) giving the end of the
  // record's validity, e.g. a licence's 有效期至: the record is public up to and including
  // that day and not after it; 2099-12-31 (long-term) or an empty value sets no end.
  // "" if the class has none.
  std::string until_field;
  std::vector<MaskRule> masked;
  std::string note;
  std::string source;
  int line = 0;  // line of period_rules in the class file, for messages
};

// Set on the class whose records are the subjects' own registration (登记注册基本信息):
// ingesting it creates or updates the subject itself (name, status, former names)
// rather than adding a record about an existing subject.
struct Registration {
  std::string status_field;        // the registration status (存续, 注销, ...), or ""
  std::string former_names_field;  // the former names (multi-valued), or ""
};

// A version of the class's rules, in force from a date (e.g. the 2019 layout).
struct RuleVersion {
  std::string version;  // e.g. "2021-art9"
  Date effective_from;
  std::string source;
  std::string summary;
  std::string unsure;
};

// An assertion on a record, checked when its `when` holds (or always).
struct Check {
  enum class Op {
    kPrefixIn,     // prefix_in: the field's value starts with one of `values`
    kPrefixNotIn,  // prefix_not_in: it starts with none of them
    kIn,           // in: the value is one of `values`
    kNotIn,        // not_in: it is none of them
    kNotBefore,    // not_before: the date is not before `other_field`'s date
    kNotAfter,     // not_after: the date is not after `other_field`'s date
    // amount_matches_text: where the text of `other_field` states an amount after one
    // of `values` (keywords such as 罚款), e.g. "罚款2000元" or "罚款0.2万元", the
    // field's amount equals it. Catches fines written in 元 in a 万元 field.
    kAmountMatchesText,
  };
  std::string field;
  Op op = Op::kIn;
  std::vector<std::string> values;
  std::string other_field;

  // "CF_XDR_SHXYM starts with one of [92]"
  std::string ToString() const;
};
std::string_view CheckOpName(Check::Op op);

// A cross-field validation rule of a class, e.g. "counterpart category agrees with
// the uscc prefix". A rule applies only when the checked field has a value.
struct ValidationRule {
  std::string id;
  LocalizedName names;
  std::optional<Condition> when;
  Check check;
  bool warning = false;  // severity: warning (flag, keep) rather than error (reject)
  std::string source;
  std::string unsure;
};

struct InfoClass {
  std::string id;  // e.g. "penalty"; the file is classes/<id>.yaml
  LocalizedName names;
  int order = 1000;              // position in listings; ties broken by id
  std::string catalog_category;  // category of the 全国公共信用信息基础目录
  std::string owner;             // the typical source department
  std::string fields_source;     // which standard the field list follows
  std::string unsure;
  SubjectKeys subject;
  std::vector<std::string> natural_key;  // fields that identify a document
  std::string decision_date_field;       // the decision's date, if the class has one
  std::optional<Deadline> deadline;
  std::optional<Registration> registration;  // set iff the class registers subjects
  std::vector<std::string> ignored_headers;  // old-layout columns accepted and dropped
  std::vector<FieldSpec> fields;
  std::vector<ValidationRule> rules;
  Publicity publicity;
  std::vector<RuleVersion> versions;  // ascending by effective_from
  std::string file;                   // e.g. "catalog/classes/penalty.yaml"

  // The field with exactly this code.
  const FieldSpec* FindField(std::string_view code) const;
  // The field a department's column header names: its code (any case), its Chinese
  // name or an alias, compared after trimming and width folding. Null if none.
  const FieldSpec* FindFieldByHeader(std::string_view header) const;
  // True iff the header is a known old-layout column that is accepted and dropped.
  bool IsIgnoredHeader(std::string_view header) const;
  // The rule version in force on `date`; null before the first one.
  const RuleVersion* VersionOn(Date date) const;
  // Fields whose requirement is mandatory.
  std::vector<const FieldSpec*> MandatoryFields() const;
};

}  // namespace gongxin::catalog
