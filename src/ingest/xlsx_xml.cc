#include "ingest/xlsx_xml.h"

#include <expat.h>

#include <climits>
#include <cstring>

#include <fmt/format.h>

namespace gongxin::ingest::internal {
namespace {

XML_Parser P(void* p) { return static_cast<XML_Parser>(p); }

}  // namespace

std::string_view LocalName(std::string_view name) {
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

const char* Attr(const char** attrs, std::string_view local_name) {
  for (size_t i = 0; attrs != nullptr && attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local_name) return attrs[i + 1];
  }
  return nullptr;
}

XmlStream::XmlStream(XmlHandler* handler, std::string part)
    : handler_(handler), part_(std::move(part)), parser_(XML_ParserCreate("UTF-8")) {
  if (parser_ == nullptr) return;
  XML_SetUserData(P(parser_), this);
  XML_SetElementHandler(P(parser_), &XmlStream::OnStart, &XmlStream::OnEnd);
  XML_SetCharacterDataHandler(P(parser_), &XmlStream::OnText);
  XML_SetStartDoctypeDeclHandler(P(parser_), &XmlStream::OnDoctype);
}

XmlStream::~XmlStream() {
  if (parser_ != nullptr) XML_ParserFree(P(parser_));
}

void XmlStream::StopIfFailed() {
  if (!handler_->status.ok()) XML_StopParser(P(parser_), XML_FALSE);
}

void XmlStream::OnStart(void* self, const char* name, const char** attrs) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->handler_->status.ok()) return;
  s->handler_->Start(LocalName(name), attrs);
  s->StopIfFailed();
}

void XmlStream::OnEnd(void* self, const char* name) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->handler_->status.ok()) return;
  s->handler_->End(LocalName(name));
  s->StopIfFailed();
}

void XmlStream::OnText(void* self, const char* text, int len) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->handler_->status.ok()) return;
  s->handler_->Text(std::string_view(text, static_cast<size_t>(len)));
  s->StopIfFailed();
}

void XmlStream::OnDoctype(void* self, const char*, const char*, const char*, int) {
  auto* s = static_cast<XmlStream*>(self);
  s->doctype_ = true;
  XML_StopParser(P(s->parser_), XML_FALSE);
}

Status XmlStream::Feed(std::string_view chunk, bool last) {
  if (parser_ == nullptr) return Status::Internal("cannot create an XML parser");
  while (true) {
    const size_t n = std::min<size_t>(chunk.size(), INT_MAX / 2);
    const bool final_piece = last && n == chunk.size();
    const XML_Status rc = XML_Parse(P(parser_), chunk.data(), static_cast<int>(n),
                                    final_piece ? XML_TRUE : XML_FALSE);
    if (!handler_->status.ok()) return handler_->status;
    if (doctype_) {
      return Status::Corruption(
          fmt::format("{} in the .xlsx file declares a document type, which is not allowed", part_),
          fmt::format(".xlsx 文件中的 {} 含有文档类型声明，不予接受", part_));
    }
    if (rc != XML_STATUS_OK) {
      const char* why = XML_ErrorString(XML_GetErrorCode(P(parser_)));
      const auto line = XML_GetCurrentLineNumber(P(parser_));
      const auto column = XML_GetCurrentColumnNumber(P(parser_));
      return Status::Corruption(
          fmt::format("{} in the .xlsx file is malformed XML (XML line {}, column {}: {}); open it "
                      "in Excel or WPS and save it again",
                      part_, line, column, why ? why : "error"),
          fmt::format(".xlsx 文件中的 {} 不是格式正确的 XML（XML 第 {} 行第 {} 列：{}）；请用 "
                      "Excel 或 WPS 打开后重新保存",
                      part_, line, column, why ? why : "error"));
    }
    chunk.remove_prefix(n);
    if (chunk.empty()) return Status::OK();
  }
}

Status ParseXml(std::string_view xml, XmlHandler* handler, const std::string& part) {
  XmlStream stream(handler, part);
  return stream.Feed(xml, true);
}

}  // namespace gongxin::ingest::internal
