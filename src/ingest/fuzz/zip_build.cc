#include "ingest/fuzz/zip_build.h"

#include <zip.h>

namespace gongxin::ingest::testing {

std::string BuildZip(const ZipParts& parts, bool store) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return "";
  zip_source_keep(buffer);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (za == nullptr) {
    zip_source_free(buffer);
    zip_source_free(buffer);
    return "";
  }
  bool ok = true;
  for (const auto& [name, content] : parts) {
    // The source copies nothing: `content` outlives zip_close below.
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    if (src == nullptr) {
      ok = false;
      break;
    }
    const zip_int64_t index = zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(src);
      ok = false;
      break;
    }
    zip_set_file_compression(za, static_cast<zip_uint64_t>(index),
                             store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
  }
  if (!ok || zip_close(za) != 0) {  // on failure the archive is still open
    zip_discard(za);
    zip_source_free(buffer);
    return "";
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    char chunk[1 << 14];
    zip_int64_t n;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      out.append(chunk, static_cast<size_t>(n));
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

ZipParts MinimalXlsxParts(const std::string& sheet_xml, const std::string& shared_strings_xml,
                          const std::string& styles_xml, const std::string& workbook_xml) {
  const std::string ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      ns + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  if (!shared_strings_xml.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"" + ns +
            "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  }
  if (!styles_xml.empty()) {
    rels += "<Relationship Id=\"rId3\" Type=\"" + ns + "/styles\" Target=\"styles.xml\"/>";
  }
  rels += "</Relationships>";
  ZipParts parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           ns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       workbook_xml.empty()
           ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"" +
                 ns +
                 "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                 "</sheets></workbook>"
           : workbook_xml},
      {"xl/_rels/workbook.xml.rels", rels},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared_strings_xml.empty()) parts.emplace_back("xl/sharedStrings.xml", shared_strings_xml);
  if (!styles_xml.empty()) parts.emplace_back("xl/styles.xml", styles_xml);
  return parts;
}

}  // namespace gongxin::ingest::testing
