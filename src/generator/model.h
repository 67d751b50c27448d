// What the generator invents: the geography of Guangdong it places subjects in, the
// government bodies that decide and submit records (the roster), and the subjects.
// Internal to src/generator.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"
#include "generator/rng.h"

namespace gongxin::generator {

// A county-level unit a subject is registered in. 东莞 and 中山 have no county-level
// divisions: each gets units of its own with the city's code, one per basic court.
struct County {
  std::string code;        // 6 digits (the city's code for 东莞 / 中山)
  std::string name;        // 白云区, 英德市; empty for the units of 东莞 / 中山
  std::string place;       // the name prefix: 广州市白云区, 英德市, 东莞市
  std::string short_name;  // 白云, 英德 (for document stems)
  int city = 0;
  bool district = false;   // a 市辖区: bodies are named after the city (广州市白云区...)
  std::string court_name;  // 广州市白云区人民法院
  std::string court_code;  // 粤0111
};

struct City {
  std::string code;        // 440100
  std::string name;        // 广州市
  std::string short_name;  // 广州
  std::string abbr;        // 穗 (document numbers)
  std::string court_code;  // 粤01 (intermediate court)
  double weight = 1;       // share of subjects
  std::vector<int> counties;
  std::vector<std::string_view> towns;  // 东莞 / 中山 only
};

class Geography {
 public:
  // Guangdong's cities and counties from the division table (codes 44xxxx).
  static Geography Build(const DivisionTable& divisions);

  const std::vector<City>& cities() const { return cities_; }
  const std::vector<County>& counties() const { return counties_; }
  const City& city_of(const County& c) const { return cities_[c.city]; }
  // A county, weighted by its city's share of subjects.
  int PickCounty(Rng& rng) const;
  // A county outside the big cities' cores (for cooperatives).
  int PickRuralCounty(Rng& rng) const;

 private:
  std::vector<City> cities_;
  std::vector<County> counties_;
  std::vector<double> cumulative_;        // per county
  std::vector<double> rural_cumulative_;  // per county
};

// Departments whose bodies appear as deciding authorities, sources or registrars.
enum class Dept : uint8_t {
  kGovernment,      // 人民政府
  kDevReform,       // 发展和改革
  kMarket,          // 市场监督管理
  kEcology,         // 生态环境
  kEmergency,       // 应急管理
  kHousing,         // 住房和城乡建设
  kTransport,       // 交通运输
  kHealth,          // 卫生健康
  kUrban,           // 城市管理和综合执法
  kFire,            // 消防救援
  kNaturalRes,      // 自然资源 / 规划和自然资源
  kHrss,            // 人力资源和社会保障
  kCourt,           // 人民法院
  kTax,             // 税务
  kCivil,           // 民政
  kWater,           // 水务
  kIndustry,        // 工业和信息化
  kEstablishment,   // 机构编制
  kPublicSecurity,  // 公安
  kData,            // 政务服务和数据管理
  kJustice,         // 司法
  kDrug,            // 药品监督管理
  kCount
};
inline constexpr int kDeptCount = static_cast<int>(Dept::kCount);

enum class Level : uint8_t { kProvince, kCity, kCounty };

struct Authority {
  Dept dept;
  Level level;
  int city = -1;    // -1 for provincial bodies
  int county = -1;  // -1 unless county level
  std::string name;
  std::string uscc;
  std::string division;
  std::string stem;  // document-number stem, e.g. 穗白市监, 粤环
};

// The government bodies of the run: provincial departments, the departments of every
// city and the market regulator and court of every county. They are subjects of kind
// government_body, listed first in subjects.csv.
class Roster {
 public:
  // The bodies' uscc serials depend on `seed` (see uscc::Generate).
  static Roster Build(const Geography& geo, uint64_t seed);

  const std::vector<Authority>& all() const { return all_; }
  const Authority& at(int i) const { return all_[i]; }
  int Province(Dept d) const { return province_[static_cast<int>(d)]; }
  // The city's body of `d`; falls back to the province's. Never -1 for the depts built.
  int OfCity(int city, Dept d) const;
  // The county's body of `d` (market regulator, court); falls back to the city's.
  int OfCounty(int county, Dept d) const;

 private:
  std::vector<Authority> all_;
  std::array<int, kDeptCount> province_{};
  std::vector<std::array<int, kDeptCount>> city_;
  std::vector<std::array<int, kDeptCount>> county_;
};

struct Person {
  std::string name;
  std::string id_number;
  Date birth;
  bool male = true;
};

enum KindBit : uint8_t {
  kE = 1,   // enterprise
  kI = 2,   // individual business
  kC = 4,   // farmer cooperative
  kS = 8,   // social organisation
  kP = 16,  // public institution
  kN = 32,  // natural person
  kG = 64,  // government body
};

struct Subject {
  uint64_t index = 0;  // position in subjects.csv (0-based)
  SubjectKind kind = SubjectKind::kEnterprise;
  uint8_t kind_bit = kE;
  std::string prefix;  // uscc positions 1-2; empty for natural persons
  std::string code;    // uscc, or the id number of a natural person
  std::string name;
  int county = 0;
  std::string_view town;  // 东莞 / 中山: the town (镇 / 街道) of the address
  Person person;          // the legal representative / operator, or the natural person itself
  Date established;
  Date approved;            // latest registration decision
  Date ended;               // status 注销 / 吊销: the date; otherwise unset
  int64_t capital_fen = 0;  // registered capital; 0 when none
  std::string_view industry_code, industry_name, scope;
  int trade_flags = 0;
  std::string type_text;  // DJ_ZTLX
  std::string address;
  int registrar = -1;  // roster index
  std::string status;  // 存续, 在业, 注销, 吊销, 迁出
  std::string former_name;
  bool live() const { return status == "存续" || status == "在业"; }
  // 法人及非法人组织 / 个体工商户 / 自然人
  std::string_view category() const;
};

// Makes the subjects. One maker per chunk; it draws from the chunk's stream.
class SubjectMaker {
 public:
  SubjectMaker(const Geography& geo, const Roster& roster, uint64_t seed, Date as_of);
  // Fills `s` as subject number `index` (>= roster size).
  void Make(uint64_t index, Rng& rng, Subject& s) const;
  // A random person's name (not a subject).
  static std::string PersonName(Rng& rng, bool male);
  // A person with a unique id number: `serial` must be distinct per person within each
  // population (natural persons; legal representatives). Unique below about 4.6 million
  // persons per population.
  void MakePerson(uint64_t serial, bool representative, int county, Rng& rng, Person& p) const;
  // A brand of 2 (sometimes 3) characters.
  static std::string Brand(Rng& rng);
  // An address in county `c`; `town` (东莞 / 中山 only) is the subject's town.
  std::string Address(const County& c, std::string_view town, Rng& rng) const;

 private:
  void MakeEnterprise(Rng& rng, Subject& s) const;
  void MakeIndividual(Rng& rng, Subject& s) const;
  void MakeCooperative(Rng& rng, Subject& s) const;
  void MakeSocial(Rng& rng, Subject& s) const;
  void MakeInstitution(Rng& rng, Subject& s) const;
  void MakeNatural(Rng& rng, Subject& s) const;
  Date RegistrationDate(Rng& rng, Date earliest) const;
  std::string Place(const County& c, Rng& rng, bool allow_province) const;

  const Geography& geo_;
  const Roster& roster_;
  Date as_of_;
  uint64_t serial_offset_;
  Permutation natural_perm_;  // (birth day, sequence) slots of natural persons
  Permutation rep_perm_;      // and of legal representatives
};

// Formats a date as YYYY-MM-DD into a small buffer-free string.
std::string IsoDate(Date d);
// An amount of fen as 万元 text without trailing zeros: 2000 元 -> "0.2".
std::string WanYuan(int64_t fen);
// An amount of fen as 元 text without trailing zeros: "2000", "356.5".
std::string Yuan(int64_t fen);

}  // namespace gongxin::generator
