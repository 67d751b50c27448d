#include "ingest/xlsx_zip.h"

#include <zip.h>

#include <vector>

#include <fmt/format.h>

namespace gongxin::ingest::internal {
namespace {

zip_t* Archive(void* p) { return static_cast<zip_t*>(p); }

Status Damaged(const std::string& what) {
  return Status::Corruption(
      fmt::format("the .xlsx file is damaged ({}); open it in Excel or WPS and save it again",
                  what),
      fmt::format(".xlsx 文件已损坏（{}）；请用 Excel 或 WPS 打开后重新保存", what));
}

}  // namespace

Result<std::unique_ptr<ZipPackage>> ZipPackage::Open(std::string_view bytes) {
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
    return Status::InvalidArgument(
        "this is a legacy .xls workbook or a password-protected one; save it as .xlsx without a "
        "password",
        "这是旧版 .xls 工作簿或加密的工作簿；请另存为不加密码的 .xlsx 文件");
  }
  if (!bytes.starts_with("PK")) {
    return Status::InvalidArgument("the file is not an .xlsx workbook (not a zip archive)",
                                   "文件不是 .xlsx 工作簿（不是 zip 压缩包）");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Damaged(why);
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return Damaged(why);
  }
  zip_error_fini(&error);
  return std::unique_ptr<ZipPackage>(new ZipPackage(archive));
}

ZipPackage::~ZipPackage() { zip_discard(Archive(archive_)); }

bool ZipPackage::Has(const std::string& name) const {
  return zip_name_locate(Archive(archive_), name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Status ZipPackage::Stream(const std::string& name, size_t max_bytes,
                          const std::function<Status(std::string_view chunk)>& sink) const {
  zip_t* za = Archive(archive_);
  const zip_int64_t index = zip_name_locate(za, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    return Status::NotFound(fmt::format("the .xlsx file has no part {}", name),
                            fmt::format(".xlsx 文件缺少组成部分 {}", name));
  }
  auto too_big = [&] {
    return Status::ResourceExhausted(
        fmt::format("{} in the .xlsx file unpacks to more than {} bytes", name, max_bytes),
        fmt::format(".xlsx 文件中的 {} 解压后超过 {} 字节", name, max_bytes));
  };
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
    return too_big();
  }
  zip_file_t* file = zip_fopen_index(za, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    zip_error_t* error = zip_get_error(za);
    if (zip_error_code_zip(error) == ZIP_ER_NOPASSWD ||
        zip_error_code_zip(error) == ZIP_ER_WRONGPASSWD ||
        zip_error_code_zip(error) == ZIP_ER_ENCRNOTSUPP) {
      return Status::InvalidArgument("the workbook is encrypted; save it without a password",
                                     "工作簿已加密；请取消密码后重新保存");
    }
    return Damaged(fmt::format("{}: {}", name, zip_error_strerror(error)));
  }
  std::vector<char> buf(size_t{1} << 16);
  size_t total = 0;
  Status status;
  while (true) {
    const zip_int64_t n = zip_fread(file, buf.data(), buf.size());
    if (n < 0) {
      status = Damaged(fmt::format("{}: {}", name, zip_error_strerror(zip_file_get_error(file))));
      break;
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
    if (total > max_bytes) {
      status = too_big();
      break;
    }
    status = sink(std::string_view(buf.data(), static_cast<size_t>(n)));
    if (!status.ok()) break;
  }
  zip_fclose(file);
  return status;
}

Result<std::string> ZipPackage::Read(const std::string& name, size_t max_bytes) const {
  std::string out;
  GX_RETURN_IF_ERROR(Stream(name, max_bytes, [&](std::string_view chunk) {
    out.append(chunk);
    return Status::OK();
  }));
  return out;
}

}  // namespace gongxin::ingest::internal
