// Batches over HTTP: a source department hands in a file (CSV, JSON lines or xlsx) and
// reads back the summary and the row-level feedback, exactly as with `gongxin ingest`.
#include <charconv>

#include "access/access.h"
#include "http/routes/routes.h"
#include "ingest/ingest.h"

namespace gongxin::http::routes {
namespace {

constexpr size_t kMaxBatchBytes = 64u << 20;  // below the reader's own bound

// The file name ingest picks its reader by: ?file=, else from the media type.
std::string FileNameOf(const Request& request) {
  if (auto file = request.Query("file"); file && !file->empty()) return *file;
  std::string type = request.Header("Content-Type");
  if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return "upload.xlsx";
  }
  if (type == "application/x-ndjson" || type == "application/jsonl" ||
      type == "application/json-lines" || type == "application/json") {
    return "upload.jsonl";
  }
  return "upload.csv";
}

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The stored batch `request.params["id"]` if the viewer may read it: its own source, or
// the credit office. Fills *error otherwise.
std::optional<ingest::StoredBatch> ReadableBatch(Request& request, Services& services,
                                                 const Viewer& viewer, store::Store& store,
                                                 bool with_feedback, Response* error) {
  auto id = ParseId(request.params["id"]);
  if (!id) {
    *error =
        Response::Error(400, "invalid_argument", "id: not a batch number", "id：不是有效的批次号");
    return std::nullopt;
  }
  if (viewer.role != Role::kSource && viewer.role != Role::kCreditOffice) {
    *error = Forbidden("batches are read by their source department and the credit office",
                       "批次仅限其数据提供部门和信用办查看");
    return std::nullopt;
  }
  auto batch = ingest::ReadBatch(store, *id, with_feedback);
  if (!batch.ok()) {
    *error = StoreUnavailable(batch.status());
    return std::nullopt;
  }
  // Another department's batch is reported as absent, not as forbidden.
  if (!batch->has_value() || (viewer.role == Role::kSource && (*batch)->source != viewer.source)) {
    *error = Response::Error(404, "not_found", "no batch " + std::to_string(*id),
                             "不存在批次 " + std::to_string(*id));
    return std::nullopt;
  }
  return std::move(**batch);
}

std::string BatchJson(const ingest::StoredBatch& b) {
  // The summary as the CLI prints it, plus who handed it in and when.
  std::string json =
      b.summary.ToJson("/api/v1/batches/" + std::to_string(b.summary.batch) + "/feedback");
  json.pop_back();
  json += ",\"source\":\"" + b.source + "\",\"received_at\":\"" + b.received_at.ToChinaIso() +
          "\",\"rule_version\":\"" + b.summary.rule_version + "\",\"file_name\":";
  std::string name;
  AppendJsonEscaped(name, b.file_name);
  json += "\"" + name + "\",\"file_sha256\":\"" + b.file_sha256 + "\"}";
  return json;
}

}  // namespace

void AddBatchRoutes(Router& router, Services& services) {
  RouteDoc submit;
  submit.tag = "ingest";
  submit.summary = "Hand in a batch (归集)";
  submit.description =
      "A source department hands in one file of one class: CSV (UTF-8 or GBK), JSON lines or "
      "xlsx. Every row is checked against the catalog; the accepted rows land atomically. "
      "Answers with the batch summary; the row-level feedback is at the feedback link.";
  submit.roles = {"source"};
  submit.params = {{"class", "query", "information class, e.g. penalty", true},
                   {"file", "query",
                    "file name as the department knows it; its extension picks "
                    "the reader (.csv, .jsonl, .xlsx)"},
                   {"encoding", "query", "CSV encoding: auto (default), utf-8, gbk"}};
  submit.request_types = {"text/csv", "application/x-ndjson",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  submit.responses = {{201, "The batch summary"},
                      {400, "Unreadable file or unknown encoding"},
                      {403, "Not a source department's key"},
                      {404, "Unknown class"},
                      {413, "File too large"}};
  submit.max_body = kMaxBatchBytes;
  router.Add(
      "POST", "/api/v1/batches",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        if (auth.viewer.role != Role::kSource) {
          return Forbidden("only a source department's key may hand in batches",
                           "仅数据提供部门的密钥可以报送数据");
        }
        ingest::IngestOptions o;
        o.class_id = request.Query("class").value_or("");
        if (o.class_id.empty()) {
          return Response::Error(400, "invalid_argument",
                                 "class: the information class is required", "class：须指定信息类");
        }
        o.source = auth.viewer.source;
        o.file_name = FileNameOf(request);
        const std::string encoding = request.Query("encoding").value_or("auto");
        if (encoding == "utf-8" || encoding == "utf8") {
          o.encoding = ingest::Encoding::kUtf8;
        } else if (encoding == "gbk" || encoding == "gb18030") {
          o.encoding = ingest::Encoding::kGb18030;
        } else if (encoding != "auto") {
          return Response::Error(400, "invalid_argument",
                                 "encoding: must be auto, utf-8 or gbk, not '" + encoding + "'",
                                 "encoding：应为 auto、utf-8 或 gbk");
        }
        o.clock = services.clock;
        o.threads = services.ingest_threads;
        const Instant started = services.clock->Now();
        auto lease = services.stores->Acquire();
        if (!lease.ok()) return StoreUnavailable(lease.status());
        auto summary = ingest::IngestBytes(**lease, *services.catalog, request.body, o);
        if (!summary.ok()) return Response::FromStatus(summary.status());
        // New and renamed subjects become searchable at once.
        Status refreshed = search::RefreshFromArchive(**lease, started, *services.search);
        if (!refreshed.ok()) return StoreUnavailable(refreshed);
        auto stored = ingest::ReadBatch(**lease, summary->batch, false);
        if (!stored.ok() || !stored->has_value()) {
          return StoreUnavailable(stored.ok() ? Status::Internal("batch vanished")
                                              : stored.status());
        }
        Response response = Response::Json(201, BatchJson(**stored));
        response.headers.emplace_back("Location",
                                      "/api/v1/batches/" + std::to_string(summary->batch));
        return response;
      },
      submit);

  RouteDoc get;
  get.tag = "ingest";
  get.summary = "A batch's summary";
  get.roles = {"source", "credit_office"};
  get.params = {{"id", "path", "batch number", true, "integer"}};
  get.responses = {{200, "The batch summary"}, {404, "No such batch of the caller's"}};
  router.Add(
      "GET", "/api/v1/batches/{id}",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        auto lease = services.stores->Acquire();
        if (!lease.ok()) return StoreUnavailable(lease.status());
        Response error;
        auto batch = ReadableBatch(request, services, auth.viewer, **lease, false, &error);
        if (!batch) return error;
        return Response::Json(200, BatchJson(*batch));
      },
      get);

  RouteDoc feedback;
  feedback.tag = "ingest";
  feedback.summary = "A batch's row-level feedback (反馈)";
  feedback.description =
      "Every problem of the batch, one row each: row_line, field, rule, severity, message_zh, "
      "message_en, value. CSV (UTF-8 with BOM) by default, xlsx with format=xlsx. The values "
      "are the rows as handed in, so every read is audited.";
  feedback.roles = {"source", "credit_office"};
  feedback.params = {{"id", "path", "batch number", true, "integer"},
                     {"format", "query", "csv (default) or xlsx"}};
  feedback.response_type = "text/csv";
  feedback.responses = {{200, "The feedback file"}, {404, "No such batch of the caller's"}};
  router.Add(
      "GET", "/api/v1/batches/{id}/feedback",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        const std::string format = request.Query("format").value_or("csv");
        if (format != "csv" && format != "xlsx") {
          return Response::Error(400, "invalid_argument", "format: must be csv or xlsx",
                                 "format：应为 csv 或 xlsx");
        }
        auto lease = services.stores->Acquire();
        if (!lease.ok()) return StoreUnavailable(lease.status());
        Response error;
        auto batch = ReadableBatch(request, services, auth.viewer, **lease, true, &error);
        if (!batch) return error;
        // Feedback repeats the rows as handed in (ID numbers of rejected rows included):
        // non-public data, so every read is audited.
        Status audited =
            Audit(**lease, request, auth.viewer, "batch.feedback",
                  "batch " + std::to_string(batch->summary.batch),
                  std::to_string(batch->summary.feedback.size()) + " feedback rows of class " +
                      batch->summary.class_id + " from " + batch->source,
                  *services.clock);
        if (!audited.ok()) return StoreUnavailable(audited);
        const std::string base = "batch-" + std::to_string(batch->summary.batch) + ".feedback";
        Response response;
        if (format == "xlsx") {
          auto xlsx = ingest::FeedbackXlsx(batch->summary.feedback);
          if (!xlsx.ok()) return Response::FromStatus(xlsx.status());
          response =
              Response::Text(200, std::move(*xlsx),
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
          response.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"" + base + ".xlsx\"");
        } else {
          response = Response::Text(200, ingest::FeedbackCsv(batch->summary.feedback),
                                    "text/csv; charset=utf-8");
          response.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"" + base + ".csv\"");
        }
        response.headers.emplace_back("Cache-Control", "private, no-store");
        return response;
      },
      feedback);
}

}  // namespace gongxin::http::routes
