// A small streaming XML reader over expat for the parts of an .xlsx package.
// Element and attribute names are given without their namespace prefix, so
// transitional and strict files (and odd prefixes) read the same. A document
// type declaration is refused (no entity expansion, no billion laughs).
// Internal to src/ingest.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace gongxin::ingest::internal {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attrs` is expat's NULL-terminated name, value, name, value... array.
  virtual void Start(std::string_view name, const char** attrs) {}
  virtual void End(std::string_view name) {}
  virtual void Text(std::string_view text) {}
  // Checked after each callback: a non-OK status stops the parse and is returned.
  Status status;
};

// Value of the attribute with this local name, or nullptr.
const char* Attr(const char** attrs, std::string_view local_name);

// The name without its "prefix:".
std::string_view LocalName(std::string_view name);

class XmlStream {
 public:
  // `part` names the document in error messages.
  XmlStream(XmlHandler* handler, std::string part);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Feeds the next chunk; `last` marks the end of the document. Corruption
  // naming the part, line and column on malformed XML; the handler's status if
  // it stopped the parse.
  Status Feed(std::string_view chunk, bool last);

 private:
  static void OnStart(void* self, const char* name, const char** attrs);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int len);
  static void OnDoctype(void* self, const char* name, const char* sysid, const char* pubid,
                        int has_internal_subset);
  void StopIfFailed();

  XmlHandler* handler_;
  std::string part_;
  void* parser_;  // XML_Parser
  bool doctype_ = false;
};

// Parses a whole part held in memory.
Status ParseXml(std::string_view xml, XmlHandler* handler, const std::string& part);

}  // namespace gongxin::ingest::internal
