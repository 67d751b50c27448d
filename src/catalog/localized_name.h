// A name in Chinese and English, as every catalog entry carries.
#pragma once

#include <string>

namespace gongxin::catalog {

struct LocalizedName {
  std::string zh;  // 简体中文, what users read first
  std::string en;  // English, used in code, logs and the English UI
};

}  // namespace gongxin::catalog
