#include "generator/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/id_number.h"
#include "core/uscc.h"
#include "generator/words.h"

namespace gongxin::generator {
namespace {

constexpr uint64_t kSerialSpace = 887503681ull;  // 31^6: uscc::Generate is injective below

struct CityInfo {
  std::string_view code, short_name, abbr;
  double weight;
};
// Share of subjects per city: roughly the cities' shares of Guangdong's registered
// business entities (Guangzhou and Shenzhen above 4 million each, STANDARDS.md §9);
// the smaller cities' figures are our estimate.
constexpr CityInfo kCities[] = {
    {"440100", "广州", "穗", 20},  {"440200", "韶关", "韶", 1.2}, {"440300", "深圳", "深", 25},
    {"440400", "珠海", "珠", 3},   {"440500", "汕头", "汕", 3},   {"440600", "佛山", "佛", 8},
    {"440700", "江门", "江", 3},   {"440800", "湛江", "湛", 2.5}, {"440900", "茂名", "茂", 2},
    {"441200", "肇庆", "肇", 2},   {"441300", "惠州", "惠", 4},   {"441400", "梅州", "梅", 1.5},
    {"441500", "汕尾", "汕尾", 1}, {"441600", "河源", "河", 1.2}, {"441700", "阳江", "阳", 1.2},
    {"441800", "清远", "清", 1.5}, {"441900", "东莞", "莞", 10},  {"442000", "中山", "中", 3.5},
    {"445100", "潮州", "潮", 1.2}, {"445200", "揭阳", "揭", 2},   {"445300", "云浮", "云", 0.8},
};

std::string StripSuffix(std::string_view name) {
  // 白云区 -> 白云, 英德市 -> 英德, 连山壮族瑶族自治县 -> 连山
  static constexpr std::string_view kSuffixes[] = {
      "壮族瑶族自治县", "瑶族自治县", "畲族自治县", "自治县", "区", "市", "县"};
  for (std::string_view s : kSuffixes) {
    if (name.size() > s.size() && name.substr(name.size() - s.size()) == s) {
      return std::string(name.substr(0, name.size() - s.size()));
    }
  }
  return std::string(name);
}

std::string FirstChar(std::string_view s) {
  if (s.empty()) return {};
  const unsigned char c = static_cast<unsigned char>(s[0]);
  const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::string(s.substr(0, std::min(len, s.size())));
}

bool BigCity(std::string_view short_name) { return short_name == "广州" || short_name == "深圳"; }

}  // namespace

std::string IsoDate(Date d) {
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year(), d.month(), d.day());
}

namespace {
std::string TrimmedDecimal(int64_t units, int64_t scale, int digits) {
  const bool neg = units < 0;
  const uint64_t u = neg ? static_cast<uint64_t>(-units) : static_cast<uint64_t>(units);
  std::string out = fmt::format("{}{}", neg ? "-" : "", u / scale);
  uint64_t frac = u % scale;
  if (frac == 0) return out;
  std::string f = fmt::format("{:0{}d}", frac, digits);
  while (!f.empty() && f.back() == '0') f.pop_back();
  return out + "." + f;
}
}  // namespace

std::string WanYuan(int64_t fen) { return TrimmedDecimal(fen, 1000000, 6); }
std::string Yuan(int64_t fen) { return TrimmedDecimal(fen, 100, 2); }

// ---------------------------------------------------------------------------------
// Geography

Geography Geography::Build(const DivisionTable& divisions) {
  Geography g;
  for (const CityInfo& info : kCities) {
    const Division* d = divisions.Find(info.code);
    if (d == nullptr) continue;
    City city;
    city.code = std::string(info.code);
    city.name = d->name;
    city.short_name = std::string(info.short_name);
    city.abbr = std::string(info.abbr);
    city.court_code = "粤" + city.code.substr(2, 2);
    city.weight = info.weight;
    const int city_index = static_cast<int>(g.cities_.size());
    const auto counties = divisions.CountiesUnder(city.code.substr(0, 4));
    if (counties.empty()) {
      // 东莞 / 中山: one unit per basic court, all with the city's code.
      const bool dongguan = info.short_name == "东莞";
      const words::List towns = dongguan ? words::DongguanTowns() : words::ZhongshanTowns();
      city.towns.assign(towns.begin(), towns.end());
      const int courts = dongguan ? 3 : 2;
      for (int k = 1; k <= courts; ++k) {
        County c;
        c.code = city.code;
        c.place = city.name;
        c.short_name = city.short_name;
        c.city = city_index;
        c.district = true;
        c.court_name = fmt::format("{}第{}人民法院", city.name, words::Numeral(k));
        c.court_code = fmt::format("{}{}7{}", "粤", city.code.substr(2, 2), k);
        city.counties.push_back(static_cast<int>(g.counties_.size()));
        g.counties_.push_back(std::move(c));
      }
    } else {
      for (const Division* cd : counties) {
        County c;
        c.code = cd->code;
        c.name = cd->name;
        c.short_name = StripSuffix(cd->name);
        c.city = city_index;
        c.district = cd->name.size() >= 3 && cd->name.substr(cd->name.size() - 3) == "区";
        c.place = c.district ? city.name + c.name : c.name;
        c.court_name = (c.district ? city.name + c.name : c.name) + "人民法院";
        c.court_code = "粤" + c.code.substr(2, 4);
        city.counties.push_back(static_cast<int>(g.counties_.size()));
        g.counties_.push_back(std::move(c));
      }
    }
    g.cities_.push_back(std::move(city));
  }
  double sum = 0, rural = 0;
  for (const County& c : g.counties_) {
    const City& city = g.cities_[c.city];
    sum += city.weight / city.counties.size();
    g.cumulative_.push_back(sum);
    // Cooperatives: no Shenzhen, no city-core districts of Guangzhou.
    const bool core =
        city.short_name == "深圳" ||
        (city.short_name == "广州" && (c.short_name == "越秀" || c.short_name == "荔湾" ||
                                       c.short_name == "海珠" || c.short_name == "天河"));
    rural += core ? 0.0 : 1.0;
    g.rural_cumulative_.push_back(rural);
  }
  return g;
}

int Geography::PickCounty(Rng& rng) const {
  return static_cast<int>(PickWeighted(rng, cumulative_));
}
int Geography::PickRuralCounty(Rng& rng) const {
  return static_cast<int>(PickWeighted(rng, rural_cumulative_));
}

// ---------------------------------------------------------------------------------
// Roster

namespace {

std::string ProvinceBodyName(Dept d) {
  switch (d) {
    case Dept::kGovernment:
      return "广东省人民政府";
    case Dept::kDevReform:
      return "广东省发展和改革委员会";
    case Dept::kMarket:
      return "广东省市场监督管理局";
    case Dept::kEcology:
      return "广东省生态环境厅";
    case Dept::kEmergency:
      return "广东省应急管理厅";
    case Dept::kHousing:
      return "广东省住房和城乡建设厅";
    case Dept::kTransport:
      return "广东省交通运输厅";
    case Dept::kHealth:
      return "广东省卫生健康委员会";
    case Dept::kUrban:
      return "";
    case Dept::kFire:
      return "广东省消防救援总队";
    case Dept::kNaturalRes:
      return "广东省自然资源厅";
    case Dept::kHrss:
      return "广东省人力资源和社会保障厅";
    case Dept::kCourt:
      return "广东省高级人民法院";
    case Dept::kTax:
      return "国家税务总局广东省税务局";
    case Dept::kCivil:
      return "广东省民政厅";
    case Dept::kWater:
      return "广东省水利厅";
    case Dept::kIndustry:
      return "广东省工业和信息化厅";
    case Dept::kEstablishment:
      return "广东省机构编制委员会办公室";
    case Dept::kPublicSecurity:
      return "广东省公安厅";
    case Dept::kData:
      return "广东省政务服务和数据管理局";
    case Dept::kJustice:
      return "广东省司法厅";
    case Dept::kDrug:
      return "广东省药品监督管理局";
    case Dept::kCount:
      break;
  }
  return "";
}

std::string CityBodyName(Dept d, const City& c) {
  const bool big = BigCity(c.short_name);
  switch (d) {
    case Dept::kGovernment:
      return c.name + "人民政府";
    case Dept::kDevReform:
      return c.name + (big ? "发展和改革委员会" : "发展和改革局");
    case Dept::kMarket:
      return c.name + "市场监督管理局";
    case Dept::kEcology:
      return c.name + "生态环境局";
    case Dept::kEmergency:
      return c.name + "应急管理局";
    case Dept::kHousing:
      return c.name + "住房和城乡建设局";
    case Dept::kTransport:
      return c.name + "交通运输局";
    case Dept::kHealth:
      return c.name + (big ? "卫生健康委员会" : "卫生健康局");
    case Dept::kUrban:
      return c.name + "城市管理和综合执法局";
    case Dept::kFire:
      return c.name + "消防救援支队";
    case Dept::kNaturalRes:
      return c.name + (big ? "规划和自然资源局" : "自然资源局");
    case Dept::kHrss:
      return c.name + "人力资源和社会保障局";
    case Dept::kCourt:
      return c.name + "中级人民法院";
    case Dept::kTax:
      return "国家税务总局" + c.name + "税务局";
    case Dept::kCivil:
      return c.name + "民政局";
    case Dept::kWater:
      return c.name + "水务局";
    case Dept::kIndustry:
      return c.name + "工业和信息化局";
    case Dept::kEstablishment:
      return c.name + "机构编制委员会办公室";
    case Dept::kPublicSecurity:
      return c.name + "公安局";
    default:
      return "";
  }
}

std::string_view DeptStem(Dept d) {
  switch (d) {
    case Dept::kGovernment:
      return "府";
    case Dept::kDevReform:
      return "发改";
    case Dept::kMarket:
      return "市监";
    case Dept::kEcology:
      return "环";
    case Dept::kEmergency:
      return "应急";
    case Dept::kHousing:
      return "建";
    case Dept::kTransport:
      return "交";
    case Dept::kHealth:
      return "卫";
    case Dept::kUrban:
      return "城管";
    case Dept::kFire:
      return "消";
    case Dept::kNaturalRes:
      return "自然资源";
    case Dept::kHrss:
      return "人社";
    case Dept::kCourt:
      return "法";
    case Dept::kTax:
      return "税";
    case Dept::kCivil:
      return "民";
    case Dept::kWater:
      return "水";
    case Dept::kIndustry:
      return "工信";
    case Dept::kEstablishment:
      return "编";
    case Dept::kPublicSecurity:
      return "公";
    case Dept::kData:
      return "政数";
    case Dept::kJustice:
      return "司";
    case Dept::kDrug:
      return "药监";
    case Dept::kCount:
      break;
  }
  return "";
}

}  // namespace

Roster Roster::Build(const Geography& geo, uint64_t seed) {
  Roster r;
  r.province_.fill(-1);
  r.city_.assign(geo.cities().size(), {});
  for (auto& a : r.city_) a.fill(-1);
  r.county_.assign(geo.counties().size(), {});
  for (auto& a : r.county_) a.fill(-1);

  const uint64_t offset = Mix64(seed ^ 0xC0DE) % kSerialSpace;
  auto add = [&](Authority a) {
    const uint64_t serial = (r.all_.size() + offset) % kSerialSpace;
    a.uscc = uscc::Generate("11", a.division, serial);
    r.all_.push_back(std::move(a));
    return static_cast<int>(r.all_.size() - 1);
  };
  for (int d = 0; d < kDeptCount; ++d) {
    const Dept dept = static_cast<Dept>(d);
    std::string name = ProvinceBodyName(dept);
    if (name.empty()) continue;
    r.province_[d] = add({dept, Level::kProvince, -1, -1, std::move(name), "", "440000",
                          "粤" + std::string(DeptStem(dept))});
  }
  for (size_t ci = 0; ci < geo.cities().size(); ++ci) {
    const City& c = geo.cities()[ci];
    for (int d = 0; d < kDeptCount; ++d) {
      const Dept dept = static_cast<Dept>(d);
      std::string name = CityBodyName(dept, c);
      if (name.empty()) continue;
      r.city_[ci][d] = add({dept, Level::kCity, static_cast<int>(ci), -1, std::move(name), "",
                            c.code, c.abbr + std::string(DeptStem(dept))});
    }
    // County stems: the first character of the county's name, two when that collides.
    std::map<std::string, int> first_count;
    for (int k : c.counties) ++first_count[FirstChar(geo.counties()[k].short_name)];
    for (int k : c.counties) {
      const County& county = geo.counties()[k];
      const std::string first = FirstChar(county.short_name);
      const std::string key = first_count[first] > 1 ? county.short_name : first;
      if (!county.name.empty()) {
        const std::string market = c.short_name == "深圳"
                                       ? c.name + "市场监督管理局" + county.short_name + "监管局"
                                       : county.place + "市场监督管理局";
        r.county_[k][static_cast<int>(Dept::kMarket)] =
            add({Dept::kMarket, Level::kCounty, static_cast<int>(ci), k, market, "", county.code,
                 c.abbr + key + "市监"});
      }
      r.county_[k][static_cast<int>(Dept::kCourt)] =
          add({Dept::kCourt, Level::kCounty, static_cast<int>(ci), k, county.court_name, "",
               county.code, county.court_code});
    }
  }
  return r;
}

int Roster::OfCity(int city, Dept d) const {
  const int i = city_[city][static_cast<int>(d)];
  return i >= 0 ? i : province_[static_cast<int>(d)];
}

int Roster::OfCounty(int county, Dept d) const {
  const int i = county_[county][static_cast<int>(d)];
  return i >= 0 ? i : -1;
}

// ---------------------------------------------------------------------------------
// Subjects

std::string_view Subject::category() const {
  switch (kind) {
    case SubjectKind::kNaturalPerson:
      return "自然人";
    case SubjectKind::kIndividualBusiness:
      return "个体工商户";
    default:
      return "法人及非法人组织";
  }
}

namespace {

constexpr int kFirstBirthYear = 1950;
constexpr int kLastBirthYear = 2005;
constexpr int kLastRepBirthYear = 2000;

const std::vector<double>& SurnameCumulative() {
  static const std::vector<double> c = [] {
    std::vector<double> out;
    double sum = 0;
    const auto list = words::Surnames();
    for (size_t i = 0; i < list.size(); ++i) {
      sum += list[i].size() > 3 ? 0.15 : 12.0 / (i + 6.0);  // compound names are rare
      out.push_back(sum);
    }
    return out;
  }();
  return c;
}

int32_t DayOf(int y, int m, int d) { return Date::FromYmd(y, m, d).value().days(); }

}  // namespace

SubjectMaker::SubjectMaker(const Geography& geo, const Roster& roster, uint64_t seed, Date as_of)
    : geo_(geo),
      roster_(roster),
      as_of_(as_of),
      serial_offset_(Mix64(seed ^ 0xC0DE) % kSerialSpace),
      natural_perm_(
          static_cast<uint64_t>(DayOf(kLastBirthYear, 12, 31) - DayOf(kFirstBirthYear, 1, 1) + 1) *
              250,
          Mix64(seed ^ 0x1D)),
      rep_perm_(static_cast<uint64_t>(DayOf(kLastRepBirthYear, 12, 31) -
                                      DayOf(kFirstBirthYear, 1, 1) + 1) *
                    250,
                Mix64(seed ^ 0x2E)) {}

std::string SubjectMaker::PersonName(Rng& rng, bool male) {
  std::string name(words::Surnames()[PickWeighted(rng, SurnameCumulative())]);
  const words::List given = male ? words::MaleGivenChars() : words::FemaleGivenChars();
  name += rng.Pick(given);
  if (rng.Chance(0.72)) name += rng.Pick(given);
  return name;
}

void SubjectMaker::MakePerson(uint64_t serial, bool representative, int county, Rng& rng,
                              Person& p) const {
  // Every person gets a distinct (birth day, sequence) slot through a keyed bijection:
  // natural persons are born 1950..2005 and take sequence numbers 000-499, legal
  // representatives are born 1950..2000 and take 500-999, so the two populations
  // never share an id number.
  const Permutation& perm = representative ? rep_perm_ : natural_perm_;
  const int32_t first = DayOf(kFirstBirthYear, 1, 1);
  const uint64_t days = static_cast<uint64_t>(
      DayOf(representative ? kLastRepBirthYear : kLastBirthYear, 12, 31) - first + 1);
  const uint64_t slot = perm(serial % perm.size());
  const uint64_t day = slot % days;
  const uint64_t pair = slot / days;
  p.male = rng.Chance(0.5);
  const int sequence = static_cast<int>((representative ? 500 : 0) + pair * 2 + (p.male ? 1 : 0));
  p.birth = Date::FromDays(first + static_cast<int32_t>(day));
  p.id_number = id_number::Generate(geo_.counties()[county].code, p.birth, sequence);
  p.name = PersonName(rng, p.male);
}

std::string SubjectMaker::Brand(Rng& rng) {
  const words::List chars = words::BrandChars();
  std::string b(rng.Pick(chars));
  b += rng.Pick(chars);
  if (rng.Chance(0.18)) b += rng.Pick(chars);
  return b;
}

std::string SubjectMaker::Address(const County& c, std::string_view town, Rng& rng) const {
  const City& city = geo_.cities()[c.city];
  std::string a = c.district && !c.name.empty() ? city.name + c.name
                  : c.name.empty()              ? city.name
                                                : city.name + c.name;
  if (!city.towns.empty())
    a += town.empty() ? rng.Pick(std::span<const std::string_view>(city.towns)) : town;
  a += rng.Pick(words::RoadStems());
  a += rng.Pick(words::RoadSuffixes());
  fmt::format_to(std::back_inserter(a), "{}号", rng.Range(1, 399));
  const uint32_t style = rng.Below(4);
  if (style == 0) {
    fmt::format_to(std::back_inserter(a), "{}栋{}房", rng.Range(1, 12),
                   rng.Range(1, 30) * 100 + rng.Range(1, 12));
  } else if (style == 1) {
    fmt::format_to(std::back_inserter(a), "{}室", rng.Range(1, 25) * 100 + rng.Range(1, 20));
  } else if (style == 2) {
    fmt::format_to(std::back_inserter(a), "{}楼", rng.Range(1, 6));
  }
  return a;
}

Date SubjectMaker::RegistrationDate(Rng& rng, Date earliest) const {
  // Registrations grow by about 12% a year since 1990 (most subjects are recent).
  const int first_year = 1990, last_year = as_of_.year();
  static thread_local std::vector<double> cumulative;
  static thread_local int cached_last = 0;
  if (cached_last != last_year) {
    cumulative.clear();
    double sum = 0;
    for (int y = first_year; y <= last_year; ++y) {
      sum += std::pow(1.12, y - first_year);
      cumulative.push_back(sum);
    }
    cached_last = last_year;
  }
  const int year = first_year + static_cast<int>(PickWeighted(rng, cumulative));
  Date d = Date::FromDays(DayOf(year, 1, 1) + static_cast<int32_t>(rng.Below(365)));
  const Date latest = as_of_.AddDays(-1);
  if (d < earliest) d = earliest.AddDays(static_cast<int32_t>(rng.Below(900)));
  if (d > latest) d = latest.AddDays(-static_cast<int32_t>(rng.Below(60)));
  return d;
}

std::string SubjectMaker::Place(const County& c, Rng& rng, bool allow_province) const {
  const City& city = geo_.cities()[c.city];
  const double x = rng.Unit();
  if (allow_province && x < 0.08) return "广东";
  if (c.name.empty() || x < 0.40) return city.name;
  return city.name + c.name;
}

void SubjectMaker::Make(uint64_t index, Rng& rng, Subject& s) const {
  s = Subject{};
  s.index = index;
  const double x = rng.Unit();
  if (x < 0.55) {
    s.kind = SubjectKind::kEnterprise, s.kind_bit = kE, s.prefix = "91";
  } else if (x < 0.81) {
    s.kind = SubjectKind::kIndividualBusiness, s.kind_bit = kI, s.prefix = "92";
  } else if (x < 0.825) {
    s.kind = SubjectKind::kFarmerCooperative, s.kind_bit = kC, s.prefix = "93";
  } else if (x < 0.833) {
    s.kind = SubjectKind::kSocialOrganisation, s.kind_bit = kS;
    const double y = rng.Unit();
    s.prefix = y < 0.6 ? "51" : y < 0.95 ? "52" : "53";
  } else if (x < 0.838) {
    s.kind = SubjectKind::kPublicInstitution, s.kind_bit = kP, s.prefix = "12";
  } else {
    s.kind = SubjectKind::kNaturalPerson, s.kind_bit = kN;
  }
  s.county =
      s.kind == SubjectKind::kFarmerCooperative ? geo_.PickRuralCounty(rng) : geo_.PickCounty(rng);
  {
    const City& city = geo_.cities()[geo_.counties()[s.county].city];
    if (!city.towns.empty()) s.town = rng.Pick(std::span<const std::string_view>(city.towns));
  }
  if (s.kind == SubjectKind::kNaturalPerson) {
    MakeNatural(rng, s);
    return;
  }
  MakePerson(index, true, s.county, rng, s.person);
  switch (s.kind) {
    case SubjectKind::kEnterprise:
      MakeEnterprise(rng, s);
      break;
    case SubjectKind::kIndividualBusiness:
      MakeIndividual(rng, s);
      break;
    case SubjectKind::kFarmerCooperative:
      MakeCooperative(rng, s);
      break;
    case SubjectKind::kSocialOrganisation:
      MakeSocial(rng, s);
      break;
    case SubjectKind::kPublicInstitution:
      MakeInstitution(rng, s);
      break;
    default:
      break;
  }
  const County& county = geo_.counties()[s.county];
  s.code = uscc::Generate(s.prefix, county.code, (index + serial_offset_) % kSerialSpace);
  s.address = Address(county, s.town, rng);
  if (s.approved < s.established) s.approved = s.established;
}

namespace {

int64_t PickCapitalWan(Rng& rng) {
  static constexpr int kRound[] = {1,   3,   5,   10,   20,   30,   50,   100,  200,
                                   300, 500, 800, 1000, 2000, 3000, 5000, 10000};
  static constexpr double kWeights[] = {4, 6, 8, 16, 8, 8, 12, 18, 8, 5, 6, 1, 4, 2, 1, 1, 0.4};
  static const std::vector<double> cumulative = [] {
    std::vector<double> c;
    double s = 0;
    for (double w : kWeights) c.push_back(s += w);
    return c;
  }();
  if (rng.Chance(0.08)) {
    static constexpr int kLucky[] = {68, 88, 128, 168, 188, 288, 388, 518, 666, 888, 1688};
    return kLucky[rng.Below(std::size(kLucky))];
  }
  return kRound[PickWeighted(rng, cumulative)];
}

std::string_view Pick(Rng& rng, std::initializer_list<std::string_view> items) {
  return *(items.begin() + rng.Below(static_cast<uint32_t>(items.size())));
}

}  // namespace

void SubjectMaker::MakeEnterprise(Rng& rng, Subject& s) const {
  const County& county = geo_.counties()[s.county];
  const City& city = geo_.cities()[county.city];
  const words::Trade& trade = rng.Pick(words::EnterpriseTrades());
  s.industry_code = trade.code;
  s.industry_name = trade.name;
  s.scope = trade.scope;
  s.trade_flags = trade.flags;
  const std::string brand = Brand(rng);
  const std::string place = Place(county, rng, true);
  auto compose = [&](const std::string& b, std::string_view form) {
    if (place == "广东" || !rng.Chance(0.05))
      return place + b + std::string(trade.words) + std::string(form);
    return b + "（" + city.short_name + "）" + std::string(trade.words) + std::string(form);
  };
  const double f = rng.Unit();
  std::string_view form;
  int64_t capital_wan = PickCapitalWan(rng);
  if (f < 0.70) {
    form = "有限公司";
    s.type_text = std::string(
        Pick(rng, {"有限责任公司（自然人投资或控股）", "有限责任公司（自然人投资或控股）",
                   "有限责任公司（自然人独资）", "有限责任公司（法人独资）"}));
  } else if (f < 0.80) {
    form = "有限责任公司";
    s.type_text = "有限责任公司（自然人投资或控股）";
  } else if (f < 0.84) {
    form = "股份有限公司";
    s.type_text = "股份有限公司（非上市、自然人投资或控股）";
    capital_wan = std::max<int64_t>(capital_wan, 500) * 2;
  } else if (f < 0.85) {
    form = "集团有限公司";
    s.type_text = "其他有限责任公司";
    capital_wan = std::max<int64_t>(capital_wan, 1000) * 5;
  } else if (f < 0.89) {
    form = "有限公司";
    s.type_text = "有限责任公司分公司（自然人投资或控股）";
    capital_wan = 0;
  } else if (f < 0.92) {
    s.type_text = "有限合伙企业";
  } else if (trade.flags & (words::kManufacturing | words::kRetail | words::kFood)) {
    s.type_text = "个人独资企业";  // a workshop or a shop
  } else {
    form = "有限公司";
    s.type_text = "有限责任公司（自然人独资）";
  }
  s.capital_fen = capital_wan * 1000000;
  if (s.type_text == "有限合伙企业") {
    s.name = place + brand + std::string(Pick(rng, {"投资", "企业管理", "创业投资", "股权投资"})) +
             "合伙企业（有限合伙）";
  } else if (s.type_text == "个人独资企业") {
    s.name =
        place + brand + std::string(trade.words) +
        std::string((trade.flags & words::kManufacturing) ? "厂" : Pick(rng, {"商行", "经营部"}));
  } else if (capital_wan == 0) {  // a branch
    s.name = place + brand + std::string(trade.words) + "有限公司" +
             (county.name.empty() ? std::string(Pick(rng, {"第一", "第二", "销售"}))
                                  : county.short_name) +
             "分公司";
  } else {
    s.name = compose(brand, form);
  }
  s.established = RegistrationDate(rng, s.person.birth.AddYears(20));
  s.approved = s.established;
  if (rng.Chance(0.05)) {
    // A former name: same trade and form, another brand.
    s.former_name = compose(Brand(rng), form.empty() ? "有限公司" : form);
    if (s.former_name == s.name) s.former_name.clear();
  }
  if (!s.former_name.empty() || rng.Chance(0.15)) {
    const int32_t span = s.established.DaysUntil(as_of_);
    if (span > 30)
      s.approved = s.established.AddDays(static_cast<int32_t>(rng.Below(span - 1)) + 1);
  }
  const double st = rng.Unit();
  s.status = st < 0.58    ? "存续"
             : st < 0.90  ? "在业"
             : st < 0.983 ? "注销"
             : st < 0.995 ? "吊销"
                          : "迁出";
  if (s.status == "注销" || s.status == "吊销") {
    const int32_t span = s.established.DaysUntil(as_of_);
    s.ended = span > 200 ? s.established.AddDays(180 + static_cast<int32_t>(rng.Below(span - 180)))
                         : as_of_.AddDays(-1);
  }
  s.registrar = roster_.OfCounty(s.county, Dept::kMarket);
  if (s.registrar < 0 || rng.Chance(0.25)) s.registrar = roster_.OfCity(county.city, Dept::kMarket);
}

void SubjectMaker::MakeIndividual(Rng& rng, Subject& s) const {
  const County& county = geo_.counties()[s.county];
  const City& city = geo_.cities()[county.city];
  const words::Trade& trade = rng.Pick(words::IndividualTrades());
  s.industry_code = trade.code;
  s.industry_name = trade.name;
  s.scope = trade.scope;
  s.trade_flags = trade.flags;
  std::string place = county.name.empty() ? city.name : county.place;
  if (county.name.empty())
    place += s.town;
  else if (!county.district)
    place = city.name + county.name;
  const double x = rng.Unit();
  const std::string surname = s.person.name.substr(0, FirstChar(s.person.name).size());
  if (x < 0.25) {
    s.name = place + surname + std::string(Pick(rng, {"记", "记", "氏", "家"})) +
             std::string(trade.words);
  } else if (x < 0.75) {
    s.name = place + Brand(rng) + std::string(trade.words);
  } else {
    s.name = place + s.person.name + std::string(trade.words);
  }
  s.type_text = "个体工商户";
  s.capital_fen = rng.Chance(0.4) ? rng.Range(1, 50) * 1000000 : 0;
  s.established = RegistrationDate(rng, s.person.birth.AddYears(18));
  s.approved = s.established;
  const double st = rng.Unit();
  s.status = st < 0.60 ? "存续" : st < 0.85 ? "在业" : st < 0.98 ? "注销" : "吊销";
  if (s.status == "注销" || s.status == "吊销") {
    const int32_t span = s.established.DaysUntil(as_of_);
    s.ended = span > 200 ? s.established.AddDays(180 + static_cast<int32_t>(rng.Below(span - 180)))
                         : as_of_.AddDays(-1);
  }
  s.registrar = roster_.OfCounty(s.county, Dept::kMarket);
  if (s.registrar < 0) s.registrar = roster_.OfCity(county.city, Dept::kMarket);
}

void SubjectMaker::MakeCooperative(Rng& rng, Subject& s) const {
  const County& county = geo_.counties()[s.county];
  const City& city = geo_.cities()[county.city];
  const words::FarmProduct& product = rng.Pick(words::FarmProducts());
  s.industry_code = product.code;
  s.industry_name = product.name;
  s.scope = product.verb == "养殖" ? "组织成员开展养殖生产；收购、销售成员的产品；技术培训"
                                   : "组织成员开展种植生产；收购、销售成员的产品；技术培训";
  std::string place = county.name.empty() ? city.name : city.name + county.name;
  std::string village = rng.Chance(0.5) ? std::string(rng.Pick(words::VillageNames())) : Brand(rng);
  s.name =
      place + village + std::string(product.product) + std::string(product.verb) + "专业合作社";
  s.type_text = "农民专业合作社";
  s.capital_fen = rng.Range(1, 300) * 1000000;
  s.established = RegistrationDate(
      rng, std::max(s.person.birth.AddYears(20), Date::FromYmd(2007, 7, 1).value()));
  s.approved = s.established;
  const double st = rng.Unit();
  s.status = st < 0.70 ? "存续" : st < 0.90 ? "在业" : st < 0.98 ? "注销" : "吊销";
  if (s.status == "注销" || s.status == "吊销")
    s.ended = as_of_.AddDays(-static_cast<int32_t>(rng.Below(700)) - 1);
  if (s.ended < s.established) s.ended = s.established.AddDays(1);
  s.registrar = roster_.OfCounty(s.county, Dept::kMarket);
  if (s.registrar < 0) s.registrar = roster_.OfCity(county.city, Dept::kMarket);
}

void SubjectMaker::MakeSocial(Rng& rng, Subject& s) const {
  const County& county = geo_.counties()[s.county];
  const City& city = geo_.cities()[county.city];
  const bool city_level = county.name.empty() || rng.Chance(0.6);
  const std::string place = city_level ? city.name : city.name + county.name;
  if (s.prefix == "51") {
    if (rng.Chance(0.25)) {
      s.name = place + std::string(rng.Pick(words::Hometowns())) +
               std::string(Pick(rng, {"商会", "同乡会", "企业商会", "联谊会"}));
    } else {
      s.name = place + std::string(rng.Pick(words::AssociationTrades())) +
               std::string(rng.Pick(words::AssociationKinds()));
    }
    s.type_text = "社会团体";
    s.capital_fen = rng.Range(3, 10) * 1000000;
    s.scope = "行业交流、业务培训、咨询服务、行业自律";
  } else if (s.prefix == "52") {
    s.name = place + Brand(rng) + std::string(rng.Pick(words::CivilNonEnterpriseKinds()));
    s.type_text = "民办非企业单位";
    s.capital_fen = rng.Range(3, 100) * 1000000;
    s.scope = "社会服务、培训、咨询";
  } else {
    s.name = (rng.Chance(0.3) ? std::string("广东省") : city.name) + Brand(rng) +
             std::string(Pick(rng, {"慈善", "公益", "教育", "助学", "医疗救助"})) + "基金会";
    s.type_text = "基金会";
    s.capital_fen = rng.Range(200, 2000) * 1000000;
    s.scope = "资助教育、扶贫济困、公益慈善项目";
  }
  s.industry_code = "S95";
  s.industry_name = "社会组织";
  s.established = RegistrationDate(rng, s.person.birth.AddYears(25));
  s.approved = s.established;
  const double st = rng.Unit();
  s.status = st < 0.92 ? "存续" : "注销";
  if (s.status == "注销") s.ended = as_of_.AddDays(-static_cast<int32_t>(rng.Below(1000)) - 1);
  if (s.ended < s.established && s.status == "注销") s.ended = s.established.AddDays(1);
  s.registrar = roster_.OfCity(county.city, Dept::kCivil);
}

void SubjectMaker::MakeInstitution(Rng& rng, Subject& s) const {
  const County& county = geo_.counties()[s.county];
  const City& city = geo_.cities()[county.city];
  const bool city_level = county.name.empty() || rng.Chance(0.5);
  const std::string place = city_level ? city.name : city.name + county.name;
  const double x = rng.Unit();
  std::string kind;
  if (x < 0.35) {
    kind = std::string(rng.Pick(words::InstitutionOrdinalKinds()));
    const bool school = kind.find("学") != std::string::npos;
    s.name = place + "第" + std::string(words::Numeral(rng.Range(1, school ? 99 : 12))) + kind;
  } else if (x < 0.45) {
    kind = std::string(rng.Pick(words::InstitutionKinds()));
    s.name = place + kind;
  } else {
    kind = std::string(Pick(rng, {"小学", "中学", "卫生院", "幼儿园"}));
    s.name = (county.name.empty() ? city.name : county.place) +
             (rng.Chance(0.5) ? std::string(rng.Pick(words::VillageNames())) : Brand(rng)) + kind;
  }
  auto has = [&](std::initializer_list<std::string_view> keys) {
    for (std::string_view k : keys) {
      if (kind.find(k) != std::string::npos) return true;
    }
    return false;
  };
  if (has({"医院", "保健", "疾病", "卫生", "急救", "防治"})) {
    s.industry_code = "Q84", s.industry_name = "卫生", s.trade_flags = words::kHealth;
    s.scope = "医疗与护理、医学教学、医学研究、卫生医疗人员培训";
  } else if (has({"学", "幼儿园", "学校"})) {
    s.industry_code = "P83", s.industry_name = "教育", s.trade_flags = words::kFood;
    s.scope = "实施教育教学，促进基础教育发展";
  } else if (has({"馆", "宫"})) {
    s.industry_code = "R88", s.industry_name = "文化艺术业";
    s.scope = "收藏、保护、展示文献资料和文物，开展公共文化服务";
  } else if (has({"研究", "勘测", "推广"})) {
    s.industry_code = "M73", s.industry_name = "研究和试验发展";
    s.scope = "开展科学研究、技术推广和技术服务";
  } else {
    s.industry_code = "S92", s.industry_name = "国家机构";
    s.scope = "承担公共服务事项";
  }
  s.type_text = "事业单位";
  s.capital_fen = rng.Range(10, 5000) * 1000000;
  s.established = RegistrationDate(rng, s.person.birth.AddYears(25));
  s.approved = s.established;
  s.status = "存续";
  s.registrar = roster_.OfCity(county.city, Dept::kEstablishment);
}

void SubjectMaker::MakeNatural(Rng& rng, Subject& s) const {
  MakePerson(s.index, false, s.county, rng, s.person);
  s.name = s.person.name;
  s.code = s.person.id_number;
  s.address = Address(geo_.counties()[s.county], s.town, rng);
}

}  // namespace gongxin::generator
