// Reading a stored batch back: its summary and, on request, its feedback.
#include "ingest/ingest.h"

namespace gongxin::ingest {

Result<std::optional<StoredBatch>> ReadBatch(store::Store& store, int64_t batch_id,
                                             bool with_feedback) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store.Prepare("SELECT class, source, file_name, file_sha256, encoding, received_at, "
                    "rule_version, rows, accepted, rejected, unchanged, warnings, new_records, "
                    "new_versions, stub_subjects, timed_rows, timely_rows, deadline_working_days "
                    "FROM batches WHERE id = $1"));
  st->Reset();
  st->Bind(1, batch_id);
  GX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) {
    st->Reset();
    return std::optional<StoredBatch>();
  }
  StoredBatch b;
  BatchSummary& s = b.summary;
  s.batch = batch_id;
  s.class_id = st->Text(0);
  b.source = st->Text(1);
  b.file_name = st->Text(2);
  b.file_sha256 = st->Text(3);
  b.encoding = st->Text(4);
  auto received = Instant::Parse(st->TextView(5));
  s.rule_version = st->Text(6);
  s.rows = st->Int(7);
  s.accepted = st->Int(8);
  s.rejected = st->Int(9);
  s.unchanged = st->Int(10);
  s.warnings = st->Int(11);
  s.new_records = st->Int(12);
  s.new_versions = st->Int(13);
  s.stub_subjects = st->Int(14);
  s.timed_rows = st->Int(15);
  s.timely_rows = st->Int(16);
  s.deadline_working_days = static_cast<int>(st->Int(17));
  st->Reset();
  if (!received.ok()) return received.status();
  b.received_at = *received;
  if (with_feedback) {
    GX_ASSIGN_OR_RETURN(
        store::Statement * fb,
        store.Prepare("SELECT line, field, rule, severity, message_zh, message_en, value FROM "
                      "batch_feedback WHERE batch_id = $1 ORDER BY seq"));
    fb->Reset();
    fb->Bind(1, batch_id);
    while (true) {
      GX_ASSIGN_OR_RETURN(bool row, fb->Step());
      if (!row) break;
      Violation v;
      v.line = static_cast<uint32_t>(fb->Int(0));
      v.field = fb->Text(1);
      v.rule = fb->Text(2);
      v.severity = fb->TextView(3) == SeverityName(Severity::kWarning) ? Severity::kWarning
                                                                       : Severity::kError;
      v.message_zh = fb->Text(4);
      v.message_en = fb->Text(5);
      v.value = fb->Text(6);
      s.feedback.push_back(std::move(v));
    }
  }
  return std::optional<StoredBatch>(std::move(b));
}

}  // namespace gongxin::ingest
