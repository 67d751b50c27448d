// The records of each class for one subject: which subjects get records, how many,
// and what they say. Rates and texts are our own plausible choices; legal bases name
// real laws and articles as we know them (UNSURE: article and item numbers were not
// checked against the official texts; see generator.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "generator/records.h"
#include "generator/words.h"

namespace gongxin::generator {
namespace {

using words::kCatering;
using words::kConstruction;
using words::kEnergy;
using words::kFood;
using words::kHealth;
using words::kLabour;
using words::kManufacturing;
using words::kPublicPlace;
using words::kRealEstate;
using words::kRetail;
using words::kTransport;

// ---------------------------------------------------------------------------------
// Helpers

Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

Date RandomDate(Rng& rng, Date lo, Date hi) {
  if (hi <= lo) return lo;
  return lo.AddDays(static_cast<int32_t>(rng.Below(static_cast<uint32_t>(lo.DaysUntil(hi) + 1))));
}

// The span decisions about `s` can fall in: from the window start (or shortly after
// establishment) to the day before as-of (or the day the subject ended).
bool DecisionSpan(const Subject& s, ChunkContext& ctx, Date& lo, Date& hi, int after_days = 30) {
  lo = ctx.shared().window_start;
  if (s.kind != SubjectKind::kNaturalPerson && s.established.AddDays(after_days) > lo) {
    lo = s.established.AddDays(after_days);
  }
  hi = ctx.as_of().AddDays(-1);
  if (s.ended.days() != 0 && s.ended.AddDays(-1) < hi) hi = s.ended.AddDays(-1);
  return lo <= hi;
}

std::string ChineseDate(Date d) {
  return fmt::format("{}年{}月{}日", d.year(), d.month(), d.day());
}

int64_t RoundTo(int64_t v, int64_t step) { return step > 1 ? (v / step) * step : v; }

int64_t Amount(Rng& rng, int64_t lo, int64_t hi, int64_t step) {
  return std::max(lo, RoundTo(rng.Range(lo, hi), step));
}

// Replaces each {key} of `tmpl` with var(key).
template <typename Var>
std::string Fill(std::string_view tmpl, Var&& var) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    const size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    out += var(tmpl.substr(open + 1, close - open - 1));
    i = close + 1;
  }
  return out;
}

std::string_view PlateLetter(const City& c) {
  static constexpr std::pair<std::string_view, std::string_view> kLetters[] = {
      {"440100", "A"}, {"440300", "B"}, {"440400", "C"}, {"440500", "D"}, {"440600", "E"},
      {"440200", "F"}, {"440800", "G"}, {"441200", "H"}, {"440700", "J"}, {"440900", "K"},
      {"441300", "L"}, {"441400", "M"}, {"441500", "N"}, {"441600", "P"}, {"441700", "Q"},
      {"441800", "R"}, {"441900", "S"}, {"442000", "T"}, {"445100", "U"}, {"445200", "V"},
      {"445300", "W"}};
  for (const auto& [code, letter] : kLetters) {
    if (code == c.code) return letter;
  }
  return "A";
}

std::string Plate(Rng& rng, const City& c) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string p = "粤" + std::string(PlateLetter(c));
  if (rng.Chance(0.3)) p += rng.Chance(0.5) ? "D" : "F";  // new-energy plates
  p.push_back(kLetters[rng.Below(static_cast<uint32_t>(kLetters.size()))]);
  fmt::format_to(std::back_inserter(p), "{:04d}", rng.Range(0, 9999));
  return p;
}

std::string_view Pick(Rng& rng, std::initializer_list<std::string_view> items) {
  return *(items.begin() + rng.Below(static_cast<uint32_t>(items.size())));
}

const Authority& Auth(ChunkContext& ctx, int i) { return ctx.roster().at(i); }

// The body of `dept` that decides about a subject of `county`: the county's own
// market regulator for most market decisions, otherwise the city's department.
int Decider(ChunkContext& ctx, const Subject& s, Dept dept, bool county_level) {
  const County& c = ctx.geo().counties()[s.county];
  if (county_level) {
    const int k = ctx.roster().OfCounty(s.county, dept);
    if (k >= 0 && ctx.rng().Chance(0.75)) return k;
  }
  return ctx.roster().OfCity(c.city, dept);
}

std::string DocNumber(ChunkContext& ctx, int authority, int year, int series, std::string_view mid,
                      bool pad4 = false) {
  const uint64_t n = ctx.Number(authority, year, series);
  const Authority& a = Auth(ctx, authority);
  if (pad4) return fmt::format("{}{}〔{}〕{:04d}号", a.stem, mid, year, n);
  return fmt::format("{}{}〔{}〕{}号", a.stem, mid, year, n);
}

void Set(Row& row, int col, std::string_view v) {
  if (col >= 0) row[col].assign(v);
}

// What earlier classes found about the subject, read by later ones.
struct SubjectState {
  bool penalised = false;
  bool severe = false;
  Date last_penalty;
  std::string last_penalty_number;
};

// ---------------------------------------------------------------------------------
// 行政处罚

// Number() keys for series numbered per county rather than per authority.
constexpr int kCountySeriesBase = 1 << 20;

enum Series : int {
  kSeriesPenalty = 1,
  kSeriesPenaltySimple = 2,
  kSeriesPenaltyAudit = 3,
  kSeriesInspection = 30,
  kSeriesCoercion = 31,
  kSeriesLevy = 32,
  kSeriesRequisition = 33,
  kSeriesCommitment = 34,
  kSeriesCase = 35,
  kSeriesHonour = 36,
};

struct PenaltyScenario {
  Dept dept;
  uint8_t kinds;
  int flags;  // 0: any trade; else the subject's trade has one of these flags
  double weight;
  std::string_view wfxw;  // 违法行为类型
  std::string_view fact;  // 违法事实 template
  std::string_view basis;
  std::string_view basis_before;  // the basis for decisions before `switch_date`
  int switch_year, switch_month, switch_day;
  std::string_view cats;                  // Art. 9 categories, ';'-separated
  int64_t fine_min, fine_max, fine_step;  // 元; fine_max 0: no fine
  std::string_view nr_prefix;             // e.g. 责令停止建设
  bool severe;
  std::string_view doc_mid;  // 罚 / 行罚决字 / 简罚 / 稽罚
  bool county_level;
  int series = kSeriesPenalty;
};

constexpr uint8_t kEI = kE | kI;
constexpr uint8_t kOrgs = kE | kI | kS | kP;

// NOTE: articles are cited as we know the laws; they are realistic-looking synthetic
// data, not a legal reference (UNSURE, see generator.h).
const PenaltyScenario kPenaltyScenarios[] = {
    {Dept::kMarket, kEI, kFood, 10, "经营超过保质期的食品",
     "经查，当事人于{date}在其经营场所销售超过保质期的{food}{qty}件，货值金额{value}元，违法所得{"
     "gain}元。上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。",
     "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", "", 0, 0, 0,
     "没收违法所得;没收非法财物;罚款", 50000, 80000, 5000, "", false, "罚", true},
    {Dept::kMarket, kEI, kFood, 5, "未按规定查验记录食品进货票据",
     "经查，当事人作为食品经营者，未按规定建立并遵守进货查验记录制度，{date}购进的{food}"
     "未查验供货者的许可证和产品合格证明文件。",
     "《中华人民共和国食品安全法》第五十三条第一款、第一百二十六条第一款第（三）项", "", 0, 0, 0,
     "警告", 0, 0, 0, "", false, "罚", true},
    {Dept::kMarket, kEI, kFood, 3, "未按规定查验记录食品进货票据",
     "经查，当事人未按规定查验记录进货票据，经责令改正后拒不改正，{date}"
     "复查时仍未建立进货查验记录。",
     "《中华人民共和国食品安全法》第五十三条第一款、第一百二十六条第一款第（三）项", "", 0, 0, 0,
     "警告;罚款", 5000, 20000, 1000, "", false, "罚", true},
    {Dept::kMarket, kEI, kRetail | kCatering, 8, "不按规定明码标价",
     "经查，当事人在其经营场所销售的{goods}"
     "等商品未按规定标示价格，违反了《中华人民共和国价格法》第十三条第一款的规定。",
     "《中华人民共和国价格法》第四十二条；《明码标价和禁止价格欺诈规定》第二十一条",
     "《中华人民共和国价格法》第四十二条；《关于商品和服务实行明码标价的规定》第二十一条", 2022, 7,
     1, "罚款", 200, 5000, 100, "", false, "罚", true},
    {Dept::kMarket, kE, 0, 5, "发布含有“国家级”“最高级”“最佳”等用语的广告",
     "经查，当事人在其网站及经营场所发布的广告中使用“{superlative}"
     "”等用语，违反了《中华人民共和国广告法》第九条第（三）项的规定。鉴于当事人系初次违法且危害后果"
     "轻微，依法减轻处罚。",
     "《中华人民共和国广告法》第五十七条第（一）项；《中华人民共和国行政处罚法》第三十二条第（一）"
     "项",
     "", 0, 0, 0, "罚款", 5000, 50000, 1000, "", false, "罚", true},
    {Dept::kMarket, kE, 0, 3, "未依照规定办理变更登记",
     "经查，当事人实际经营场所已由登记住所迁至{addr}"
     "，未依法办理住所变更登记，经责令改正后逾期仍未改正。",
     "《中华人民共和国市场主体登记管理条例》第二十四条、第四十六条",
     "《中华人民共和国公司登记管理条例》第七十三条第一款", 2022, 3, 1, "罚款", 10000, 30000, 1000,
     "", false, "罚", true},
    {Dept::kMarket, kEI, kRetail | kManufacturing, 4, "销售不合格产品",
     "经抽样检验，当事人销售的{goods}{item}项目不符合国家标准要求，检验结论为不合格，货值金额{"
     "value}元，违法所得{gain}元。",
     "《中华人民共和国产品质量法》第三十九条、第五十条", "", 0, 0, 0,
     "没收违法所得;没收非法财物;罚款", 2000, 30000, 500, "", false, "罚", true},
    {Dept::kMarket, kE, kManufacturing | kPublicPlace | kRealEstate, 3,
     "使用未经定期检验的特种设备",
     "经查，当事人使用的{equipment}（设备注册代码：{equipcode}）检验有效期至{expiry}"
     "，超期未申报定期检验仍继续使用。",
     "《中华人民共和国特种设备安全法》第四十条第三款、第八十四条第（一）项", "", 0, 0, 0, "罚款",
     30000, 60000, 5000, "责令停止使用有关特种设备", false, "罚", false},
    {Dept::kMarket, kN, 0, 6, "未经设立登记从事经营活动",
     "经查，当事人自{date}起在{addr}从事{trade}"
     "经营活动，未依法办理市场主体登记，经责令改正后拒不改正。",
     "《中华人民共和国市场主体登记管理条例》第三条、第四十三条",
     "《无证无照经营查处办法》第二条、第十三条", 2022, 3, 1, "没收违法所得;罚款", 10000, 15000,
     1000, "", false, "罚", true},
    {Dept::kEcology, kE, kManufacturing, 4, "超过大气污染物排放标准排放大气污染物",
     "{date}，执法人员对当事人进行现场检查并委托监测，当事人{outlet}排放的{pollutant}浓度为{conc}"
     "mg/m³，超过《{standard}》规定的排放限值。",
     "《中华人民共和国大气污染防治法》第十八条、第九十九条第（二）项", "", 0, 0, 0, "罚款", 100000,
     300000, 10000, "责令改正", false, "罚", false},
    {Dept::kEcology, kE | kP, kManufacturing | kHealth, 3, "超标排放水污染物",
     "经监测，当事人废水总排放口排放的{wpoll}浓度超过广东省地方标准《水污染物排放限值》（DB44/"
     "26-2001）规定的限值。",
     "《中华人民共和国水污染防治法》第十条、第八十三条第（二）项", "", 0, 0, 0, "罚款", 100000,
     250000, 10000, "责令改正", false, "罚", false},
    {Dept::kEcology, kE, kManufacturing | kConstruction | kCatering, 3,
     "建设项目未依法报批环境影响评价文件擅自开工建设",
     "经查，当事人{project}项目未依法报批环境影响评价文件，于{date}擅自开工建设，项目总投资{invest}"
     "万元。",
     "《中华人民共和国环境影响评价法》第二十五条、第三十一条第一款", "", 0, 0, 0, "罚款", 20000,
     300000, 5000, "责令停止建设", false, "罚", false},
    {Dept::kEcology, kE, kManufacturing, 2, "未按照规定贮存危险废物",
     "经现场检查，当事人将生产过程中产生的{waste}"
     "露天堆放，未按照国家有关规定和环境保护标准要求贮存危险废物。",
     "《中华人民共和国固体废物污染环境防治法》第八十一条第一款、第一百一十二条第一款第（六）项", "",
     0, 0, 0, "罚款", 100000, 200000, 10000, "责令改正", false, "罚", false},
    {Dept::kEcology, kE, kManufacturing, 0.6, "未取得排污许可证排放污染物",
     "经查，当事人未取得排污许可证，自{date}起从事{trade}"
     "生产并排放废气、废水，经责令改正后仍继续排放。",
     "《排污许可管理条例》第二条、第三十三条第（一）项", "", 0, 0, 0, "责令停产停业;罚款", 200000,
     500000, 10000, "", true, "罚", false},
    {Dept::kEcology, kE, kManufacturing, 2, "未采取措施减少挥发性有机物排放",
     "经查，当事人{process}工序未在密闭空间或者设备中进行，未按照规定安装、使用污染防治设施。",
     "《中华人民共和国大气污染防治法》第四十五条、第一百零八条第（一）项", "", 0, 0, 0, "罚款",
     20000, 100000, 5000, "责令改正", false, "罚", false},
    {Dept::kEmergency, kE, kManufacturing | kConstruction, 4,
     "未按照规定对从业人员进行安全生产教育和培训",
     "{date}，执法人员检查发现，当事人未按规定对{people}名从业人员进行安全生产教育和培训。",
     "《中华人民共和国安全生产法》第二十八条第一款、第九十七条第（三）项", "", 0, 0, 0, "罚款",
     10000, 50000, 1000, "责令限期改正", false, "罚", false},
    {Dept::kEmergency, kE, kManufacturing, 3, "未将事故隐患排查治理情况如实记录",
     "经查，当事人未建立事故隐患排查治理制度，未将事故隐患排查治理情况如实记录并向从业人员通报。",
     "《中华人民共和国安全生产法》第四十一条第二款、第九十七条第（五）项", "", 0, 0, 0, "罚款",
     10000, 50000, 1000, "责令限期改正", false, "罚", false},
    {Dept::kEmergency, kE, kManufacturing, 0.4, "未取得安全生产许可证擅自进行生产",
     "经查，当事人未取得安全生产许可证，自{date}起擅自从事{trade}生产，违法所得{gain}元。",
     "《安全生产许可证条例》第二条、第十九条", "", 0, 0, 0, "责令停产停业;没收违法所得;罚款",
     100000, 500000, 10000, "", true, "罚", false},
    {Dept::kFire, kOrgs, 0, 6, "占用、堵塞、封闭疏散通道、安全出口",
     "{date}，消防救援机构检查发现，当事人位于{addr}的场所{floor}"
     "层疏散通道被杂物堵塞，安全出口被锁闭。",
     "《中华人民共和国消防法》第二十八条、第六十条第一款第（三）项", "", 0, 0, 0, "罚款", 5000,
     30000, 1000, "责令改正", false, "行罚决字", false},
    {Dept::kFire, kOrgs, 0, 6, "消防设施、器材未保持完好有效",
     "{date}，消防救援机构检查发现，当事人场所内{device}故障，{device2}压力不足，未保持完好有效。",
     "《中华人民共和国消防法》第十六条第一款第（二）项、第六十条第一款第（一）项", "", 0, 0, 0,
     "罚款", 5000, 30000, 1000, "责令改正", false, "行罚决字", false},
    {Dept::kFire, kEI, kPublicPlace | kCatering, 1,
     "公众聚集场所未经消防安全检查擅自投入使用、营业",
     "经查，当事人经营的{venue}属公众聚集场所，未经消防救援机构许可，于{date}擅自投入使用、营业。",
     "《中华人民共和国消防法》第十五条、第五十八条第一款第（四）项", "", 0, 0, 0,
     "责令停产停业;罚款", 30000, 60000, 5000, "", true, "行罚决字", false},
    {Dept::kFire, kN, 0, 3, "占用、堵塞、封闭疏散通道",
     "{date}，当事人将电动自行车停放在{addr}楼梯间疏散通道内充电，占用疏散通道。",
     "《中华人民共和国消防法》第二十八条、第六十条第二款", "", 0, 0, 0, "罚款", 200, 500, 50, "",
     false, "行罚决字", false},
    {Dept::kFire, kN, 0, 1, "占用、堵塞、封闭疏散通道",
     "{date}，当事人在{addr}楼梯间堆放杂物，占用疏散通道，经责令改正后已清理。",
     "《中华人民共和国消防法》第二十八条、第六十条第二款", "", 0, 0, 0, "警告", 0, 0, 0, "", false,
     "行罚决字", false},
    {Dept::kHousing, kE, kConstruction | kRealEstate, 3, "未取得施工许可证擅自施工",
     "经查，当事人作为{project}工程的建设单位，在未取得建筑工程施工许可证的情况下，于{date}"
     "擅自组织施工，工程合同价款{contract}万元。",
     "《中华人民共和国建筑法》第七条、第六十四条；《建筑工程施工许可管理办法》第十二条", "", 0, 0,
     0, "罚款", 20000, 300000, 1000, "责令停止施工，限期改正", false, "罚", false},
    {Dept::kHousing, kE, kConstruction, 4, "施工工地未采取有效防尘降尘措施",
     "{date}，执法人员检查发现，当事人承建的{project}"
     "工程施工现场裸露土方未覆盖，运输车辆未冲洗干净驶出工地。",
     "《中华人民共和国大气污染防治法》第六十九条、第一百一十五条第一款第（一）项", "", 0, 0, 0,
     "罚款", 10000, 50000, 1000, "责令改正", false, "罚", false},
    {Dept::kUrban, kI | kN, 0, 6, "擅自占用城市道路从事经营活动",
     "{date}，当事人在{addr}门前擅自占用城市道路摆卖{goods}，占用面积约{area}平方米。",
     "《城市道路管理条例》第二十七条第（七）项、第四十二条", "", 0, 0, 0, "罚款", 200, 2000, 100,
     "责令限期改正", false, "罚", false},
    {Dept::kUrban, kN | kE, 0, 3, "未取得建设工程规划许可证进行建设",
     "经查，当事人于{date}在{addr}未取得建设工程规划许可证擅自搭建{structure}，建筑面积约{area}"
     "平方米。",
     "《中华人民共和国城乡规划法》第四十条、第六十四条", "", 0, 0, 0, "罚款", 5000, 50000, 500,
     "限期改正", false, "罚", false},
    {Dept::kTransport, kN, 0, 5, "未取得网络预约出租汽车运输证从事网约车经营",
     "{date}，执法人员在{addr}附近检查发现，当事人驾驶车牌号为{plate}"
     "的小型客车，通过网络预约平台承揽客运业务，该车辆未取得网络预约出租汽车运输证。",
     "《网络预约出租汽车经营服务管理暂行办法》第三十四条第（二）项", "", 0, 0, 0, "警告;罚款", 3000,
     10000, 500, "", false, "罚", false},
    {Dept::kTransport, kEI, kTransport, 2, "未取得道路运输经营许可擅自从事道路货物运输经营",
     "{date}，执法人员检查发现，当事人使用车牌号为{plate}"
     "的货车从事道路普通货物运输经营，未取得道路运输经营许可。",
     "《中华人民共和国道路运输条例》第二十四条、第六十三条", "", 0, 0, 0, "罚款", 3000, 10000, 500,
     "责令停止经营", false, "罚", false},
    {Dept::kTransport, kEI, kTransport, 3, "车辆超限运输",
     "{date}，当事人所属车牌号为{plate}的货车经{road}超限检测站检测，车货总质量{weight}"
     "吨，超过规定限值。",
     "《公路安全保护条例》第三十五条、第六十四条", "", 0, 0, 0, "罚款", 500, 30000, 500, "", false,
     "罚", false},
    {Dept::kTax,
     kE | kI | kC | kP | kS,
     0,
     10,
     "未按照规定期限办理纳税申报和报送纳税资料",
     "当事人未按照规定期限办理{period}的{taxname}纳税申报。",
     "《中华人民共和国税收征收管理法》第二十五条第一款、第六十二条",
     "",
     0,
     0,
     0,
     "罚款",
     50,
     2000,
     50,
     "",
     false,
     "简罚",
     false,
     kSeriesPenaltySimple},
    {Dept::kTax, kEI, 0, 3, "未按照规定开具发票",
     "经查，当事人在{period}销售货物时未按照规定开具发票，涉及金额{value}元。",
     "《中华人民共和国发票管理办法》第十九条、第三十五条第（一）项", "", 0, 0, 0, "罚款", 500,
     10000, 100, "", false, "罚", false},
    {Dept::kTax,
     kE,
     0,
     0.6,
     "偷税",
     "经检查，当事人{year}年度通过{method}方式，少缴{taxname}{tax}元。",
     "《中华人民共和国税收征收管理法》第六十三条第一款",
     "",
     0,
     0,
     0,
     "罚款",
     50000,
     2000000,
     100,
     "追缴少缴的税款、滞纳金",
     false,
     "稽罚",
     false,
     kSeriesPenaltyAudit},
    {Dept::kHrss, kE, 0, 2, "违反规定延长劳动者工作时间",
     "经查，当事人于{month}安排{people}名劳动者每月延长工作时间超过三十六小时。",
     "《中华人民共和国劳动法》第四十一条、第九十条；《劳动保障监察条例》第二十五条", "", 0, 0, 0,
     "警告;罚款", 1000, 20000, 100, "责令限期改正", false, "罚", false},
    {Dept::kHealth, kN | kI, 0, 2, "未取得医疗机构执业许可证擅自执业",
     "经查，当事人于{date}在{addr}未取得医疗机构执业许可证擅自开展{medical}诊疗活动，违法所得{gain}"
     "元。",
     "《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款、第九十九条第一款", "", 0, 0, 0,
     "没收违法所得;没收非法财物;罚款", 50000, 200000, 10000, "责令停止执业活动", false, "罚",
     false},
    {Dept::kHealth, kEI, kPublicPlace, 3, "公共场所卫生质量不符合国家卫生标准和要求",
     "经抽检，当事人经营场所{item2}项目不符合《公共场所卫生指标及限值要求》（GB "
     "37488-2019）的规定。",
     "《公共场所卫生管理条例》第十四条第一款第（一）项", "", 0, 0, 0, "警告;罚款", 500, 5000, 100,
     "", false, "罚", false},
    {Dept::kNaturalRes, kN | kC | kE, 0, 2, "未经批准非法占用土地",
     "经查，当事人未经批准，于{date}擅自占用集体土地{area}平方米建设{structure}。",
     "《中华人民共和国土地管理法》第四十四条、第七十七条第一款；《中华人民共和国土地管理法实施条例"
     "》第五十七条",
     "", 0, 0, 0, "没收非法财物;罚款", 5000, 100000, 100, "责令退还非法占用的土地", false, "罚",
     false},
    {Dept::kCivil, kS, 0, 8, "不按照规定接受监督检查",
     "当事人未按照规定参加{year}年度检查，经登记管理机关责令改正后逾期未改正。", "", "", 0, 0, 0,
     "警告", 0, 0, 0, "责令改正", false, "罚", false},
};

std::string Categories(std::string_view cats, Date decided) {
  if (decided >= Ymd(2021, 7, 15)) return std::string(cats);
  // The Art. 8 vocabulary before 2021-07-15.
  std::string out;
  bool confiscation = false;
  size_t i = 0;
  while (i <= cats.size()) {
    size_t j = cats.find(';', i);
    if (j == std::string_view::npos) j = cats.size();
    std::string_view c = cats.substr(i, j - i);
    std::string_view mapped = c;
    if (c == "没收违法所得" || c == "没收非法财物") {
      mapped = confiscation ? "" : "没收违法所得、没收非法财物";
      confiscation = true;
    } else if (c == "吊销许可证件" || c == "暂扣许可证件") {
      mapped = "暂扣或者吊销许可证、暂扣或者吊销执照";
    }
    if (!mapped.empty()) {
      if (!out.empty()) out.push_back(';');
      out.append(mapped);
    }
    i = j + 1;
  }
  return out;
}

std::string_view Superlative(Rng& rng) {
  return Pick(rng, {"国家级", "最高级", "最佳", "第一品牌", "顶级", "全网最低价", "100%有效"});
}

class PenaltyMaker {
 public:
  PenaltyMaker(const Layout& L)
      : L_(L),
        wsh_(L.Col("CF_WSH")),
        wfxw_(L.Col("CF_WFXW")),
        sy_(L.Col("CF_SY")),
        yj_(L.Col("CF_YJ")),
        cflb_(L.Col("CF_CFLB")),
        nr_(L.Col("CF_NR")),
        fk_(L.Col("CF_NR_FK")),
        wfff_(L.Col("CF_NR_WFFF")),
        zkdx_(L.Col("CF_NR_ZKDX")),
        jdrq_(L.Col("CF_JDRQ")),
        yxq_(L.Col("CF_YXQ")),
        gsjzq_(L.Col("CF_GSJZQ")),
        cfjg_(L.Col("CF_CFJG")),
        cfjgdm_(L.Col("CF_CFJGDM")) {}

  void Run(const Subject& s, ChunkContext& ctx, SubjectState& state) const {
    Rng& rng = ctx.rng();
    // A company whose licence was revoked within the window has its 吊销 decision.
    if (s.status == "吊销" && s.kind == SubjectKind::kEnterprise &&
        s.type_text.find("公司") != std::string::npos && s.ended >= ctx.shared().window_start &&
        s.ended < ctx.as_of()) {
      Revocation(s, ctx, state);
    }
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.08;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.05;
        break;
      case SubjectKind::kFarmerCooperative:
        rate = 0.03;
        break;
      case SubjectKind::kSocialOrganisation:
        rate = 0.03;
        break;
      case SubjectKind::kPublicInstitution:
        rate = 0.03;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.012;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    const double x = rng.Unit();
    const int count = x < 0.75   ? 1
                      : x < 0.92 ? 2
                      : x < 0.97 ? 3
                                 : static_cast<int>(rng.Range(4, 6));
    for (int k = 0; k < count; ++k) One(s, ctx, state);
  }

 private:
  const PenaltyScenario* Choose(const Subject& s, Rng& rng) const {
    double total = 0;
    for (const PenaltyScenario& p : kPenaltyScenarios) {
      if ((p.kinds & s.kind_bit) && (p.flags == 0 || (p.flags & s.trade_flags))) total += p.weight;
    }
    if (total <= 0) return nullptr;
    double pick = rng.Unit() * total;
    const PenaltyScenario* chosen = nullptr;
    for (const PenaltyScenario& p : kPenaltyScenarios) {
      if (!((p.kinds & s.kind_bit) && (p.flags == 0 || (p.flags & s.trade_flags)))) continue;
      chosen = &p;
      pick -= p.weight;
      if (pick < 0) break;
    }
    return chosen;
  }

  void Publicity(Row& row, Date decided, bool severe, bool minor) const {
    Date until = severe ? decided.AddYears(3) : decided.AddYears(1);
    if (minor && decided >= Ymd(2026, 4, 1)) until = decided.AddMonths(3);
    const std::string text = IsoDate(until);
    Set(row, yxq_, text);
    Set(row, gsjzq_, text);
  }

  void Revocation(const Subject& s, ChunkContext& ctx, SubjectState& state) const {
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    const Date decided = s.ended;
    const int authority = s.registrar;
    const Authority& a = Auth(ctx, authority);
    Set(row, wsh_, DocNumber(ctx, authority, decided.year(), kSeriesPenalty, "罚"));
    Set(row, wfxw_, "成立后无正当理由超过六个月未开业或者开业后自行停业连续六个月以上");
    Set(row, sy_,
        fmt::format("经查，当事人自{}"
                    "以来未在登记住所开展经营活动，通过登记的住所无法联系，且未办理停业登记，"
                    "系成立后无正当理由超过六个月未开业或者开业后自行停业连续六个月以上。",
                    ChineseDate(decided.AddYears(-1))));
    Set(row, yj_,
        decided >= Ymd(2024, 7, 1) ? "《中华人民共和国公司法》第二百六十条第一款"
                                   : "《中华人民共和国公司法》第二百一十一条第一款");
    Set(row, cflb_, Categories("吊销许可证件", decided));
    Set(row, nr_, "吊销营业执照");
    Set(row, zkdx_, "营业执照（统一社会信用代码：" + s.code + "）");
    Set(row, jdrq_, IsoDate(decided));
    Publicity(row, decided, true, false);
    Set(row, cfjg_, a.name);
    Set(row, cfjgdm_, a.uscc);
    ctx.Emit(L_, row);
    state.penalised = state.severe = true;
    state.last_penalty = decided;
  }

  void One(const Subject& s, ChunkContext& ctx, SubjectState& state) const {
    Rng& rng = ctx.rng();
    const PenaltyScenario* p = Choose(s, rng);
    Date lo, hi;
    if (p == nullptr || !DecisionSpan(s, ctx, lo, hi, 60)) return;
    const Date decided = RandomDate(rng, lo, hi);
    const int authority =
        p->dept == Dept::kCivil
            ? ctx.roster().OfCity(ctx.geo().counties()[s.county].city, Dept::kCivil)
            : Decider(ctx, s, p->dept, p->county_level);
    const Authority& a = Auth(ctx, authority);
    const County& county = ctx.geo().counties()[s.county];
    const City& city = ctx.geo().cities()[county.city];

    int64_t fine = 0;
    if (p->fine_max > 0) {
      fine = p->fine_min == 50000 && rng.Chance(0.6)
                 ? 50000
                 : Amount(rng, p->fine_min, p->fine_max, p->fine_step);
      if (p->series == kSeriesPenaltySimple) {
        static constexpr int64_t kCommon[] = {200, 500, 1000, 50, 100, 2000};
        if (rng.Chance(0.7)) fine = kCommon[rng.Below(std::size(kCommon))];
      }
    }
    const std::string cats = Categories(p->cats, decided);
    const bool gains = p->cats.find("没收违法所得") != std::string_view::npos;
    const bool goods = p->cats.find("没收非法财物") != std::string_view::npos;
    const int64_t gain_fen =
        gains ? rng.Range(100, 20000) * 100 + (rng.Chance(0.3) ? rng.Range(1, 99) : 0) : 0;
    const int64_t goods_fen = goods ? rng.Range(200, 10000) * 100 : 0;
    const std::string food(rng.Pick(words::Foods()));
    const std::string item_goods(rng.Pick(words::Goods()));
    const int qty = static_cast<int>(rng.Range(3, 300));

    auto var = [&](std::string_view key) -> std::string {
      if (key == "date")
        return ChineseDate(decided.AddDays(-20 - static_cast<int32_t>(rng.Below(100))));
      if (key == "addr") return s.address;
      if (key == "food") return food;
      if (key == "goods") return item_goods;
      if (key == "qty") return std::to_string(qty);
      if (key == "value") return std::to_string(rng.Range(100, 9999));
      if (key == "gain") return Yuan(gain_fen > 0 ? gain_fen : rng.Range(100, 5000) * 100);
      if (key == "superlative") return std::string(Superlative(rng));
      if (key == "item")
        return std::string(
            Pick(rng, {"标志和说明", "结构", "阻燃性能", "绝缘电阻", "甲醛含量", "耐压性能"}));
      if (key == "item2")
        return std::string(Pick(
            rng, {"空气细菌总数", "二氧化碳", "毛巾细菌总数", "杯具大肠菌群", "游泳池水浑浊度"}));
      if (key == "equipment")
        return std::string(
            Pick(rng, {"乘客电梯", "货梯", "叉车", "压力容器", "燃气锅炉", "起重机"}));
      if (key == "equipcode")
        return fmt::format("{}{}{:06d}", Pick(rng, {"3110", "3210", "5110", "2110", "1110"}),
                           county.code.substr(0, 6), rng.Range(1, 999999));
      if (key == "expiry")
        return ChineseDate(decided.AddDays(-30 - static_cast<int32_t>(rng.Below(300))));
      if (key == "outlet")
        return std::string(
            Pick(rng, {"1号废气排放口", "锅炉废气排放口", "喷涂废气排放口", "2号排气筒"}));
      if (key == "pollutant")
        return std::string(Pick(rng, {"颗粒物", "二氧化硫", "氮氧化物", "非甲烷总烃"}));
      if (key == "conc") return fmt::format("{}.{}", rng.Range(20, 480), rng.Range(0, 9));
      if (key == "standard")
        return std::string(Pick(
            rng, {"锅炉大气污染物排放标准》（DB44/765-2019", "大气污染物排放限值》（DB44/27-2001",
                  "固定污染源挥发性有机物综合排放标准》（DB44/2367-2022"}));
      if (key == "wpoll")
        return std::string(Pick(rng, {"化学需氧量", "氨氮", "总磷", "悬浮物", "总铜"}));
      if (key == "project")
        return Fill("{brand}{kind}", [&](std::string_view k) {
          return k == "brand" ? SubjectMaker::Brand(rng)
                              : std::string(Pick(
                                    rng, {"花园", "广场", "产业园", "厂房", "商业中心", "综合楼"}));
        });
      if (key == "invest") return std::to_string(rng.Range(50, 5000));
      if (key == "contract") return std::to_string(rng.Range(100, 20000));
      if (key == "waste")
        return std::string(Pick(rng, {"废机油", "废活性炭", "含油废抹布", "废油漆桶", "电镀污泥"}));
      if (key == "process") return std::string(Pick(rng, {"喷涂", "调漆", "印刷", "注塑", "烘干"}));
      if (key == "people") return std::to_string(rng.Range(3, 60));
      if (key == "floor") return std::to_string(rng.Range(1, 8));
      if (key == "device")
        return std::string(
            Pick(rng, {"火灾自动报警系统", "自动喷水灭火系统", "应急照明灯", "疏散指示标志"}));
      if (key == "device2")
        return std::string(Pick(rng, {"灭火器", "室内消火栓", "消防水泵接合器"}));
      if (key == "venue")
        return std::string(Pick(rng, {"酒楼", "KTV", "健身房", "酒店", "美容会所", "网吧"}));
      if (key == "area") return std::to_string(rng.Range(2, 300));
      if (key == "structure")
        return std::string(
            Pick(rng, {"钢结构厂房", "砖混结构房屋", "铁皮棚", "简易仓库", "楼顶加建房"}));
      if (key == "plate") return Plate(rng, city);
      if (key == "road")
        return std::string(
            Pick(rng, {"广深高速", "105国道", "107国道", "324国道", "京港澳高速", "沈海高速"}));
      if (key == "weight") return fmt::format("{}.{}", rng.Range(50, 90), rng.Range(0, 9));
      if (key == "period") {
        const Date p2 = decided.AddMonths(-1 - static_cast<int>(rng.Below(3)));
        return fmt::format("{}年{}月", p2.year(), p2.month());
      }
      if (key == "taxname")
        return std::string(Pick(rng, {"增值税", "企业所得税", "个人所得税（工资薪金所得）",
                                      "城市维护建设税", "印花税"}));
      if (key == "tax") return std::to_string(fine * 2 / 3 + rng.Range(0, 999));
      if (key == "method")
        return std::string(Pick(
            rng, {"账外经营、隐匿收入", "虚列成本费用", "取得虚开的增值税专用发票抵扣进项税额"}));
      if (key == "year") return std::to_string(decided.year() - 1);
      if (key == "month")
        return fmt::format("{}年{}月", decided.AddMonths(-2).year(), decided.AddMonths(-2).month());
      if (key == "medical")
        return std::string(Pick(rng, {"输液", "拔牙", "推拿针灸", "中医", "口腔"}));
      if (key == "trade")
        return std::string(s.industry_name.empty() ? Pick(rng, {"餐饮", "零售", "服装加工"})
                                                   : s.industry_name);
      return std::string(key);
    };

    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    const std::string_view mid = p->doc_mid;
    Set(row, wsh_, DocNumber(ctx, authority, decided.year(), p->series, mid, mid == "行罚决字"));
    Set(row, wfxw_, p->wfxw);
    Set(row, sy_, Fill(p->fact, var));
    std::string_view basis = p->basis;
    if (!p->basis_before.empty() && decided < Ymd(p->switch_year, p->switch_month, p->switch_day)) {
      basis = p->basis_before;
    }
    std::string civil_basis;
    if (p->dept == Dept::kCivil) {
      civil_basis = s.prefix == "51" ? "《社会团体登记管理条例》第三十条第一款第（四）项"
                    : s.prefix == "52"
                        ? "《民办非企业单位登记管理暂行条例》第二十五条第一款第（四）项"
                        : "《基金会管理条例》第四十二条第一款第（三）项";
      basis = civil_basis;
    }
    Set(row, yj_, basis);
    Set(row, cflb_, cats);
    // 处罚内容 in the categories' order.
    std::string nr(p->nr_prefix);
    auto part = [&](std::string_view text) {
      if (!nr.empty()) nr += "，";
      nr += text;
    };
    if (p->cats.find("警告") != std::string_view::npos) part("警告");
    if (p->cats.find("责令停产停业") != std::string_view::npos) part("责令停产停业");
    if (gains) part("没收违法所得" + Yuan(gain_fen) + "元");
    if (goods)
      part(p->dept == Dept::kNaturalRes ? "没收在非法占用的土地上新建的建筑物和其他设施"
                                        : fmt::format("没收{}{}件", food, qty));
    if (fine > 0) part("罚款" + Yuan(fine * 100) + "元");
    Set(row, nr_, nr);
    if (fine > 0) Set(row, fk_, WanYuan(fine * 100));
    if (gains || goods) Set(row, wfff_, WanYuan(gain_fen + goods_fen));
    Set(row, jdrq_, IsoDate(decided));
    const bool minor = p->cats == "警告" || (p->cats == "罚款" && fine < 1000);
    Publicity(row, decided, p->severe, minor);
    Set(row, cfjg_, a.name);
    Set(row, cfjgdm_, a.uscc);
    if (decided > state.last_penalty) {
      state.last_penalty = decided;
      if (wsh_ >= 0) state.last_penalty_number = row[wsh_];
    }
    state.penalised = true;
    state.severe = state.severe || p->severe;
    ctx.Emit(L_, row);
  }

  const Layout& L_;
  int wsh_, wfxw_, sy_, yj_, cflb_, nr_, fk_, wfff_, zkdx_, jdrq_, yxq_, gsjzq_, cfjg_, cfjgdm_;
};

// ---------------------------------------------------------------------------------
// 行政许可

enum class LicenceNo : uint8_t {
  kFoodBusiness,
  kFoodProduction,
  kDischarge,
  kBuilding,
  kRoadTransport,
  kHygiene,
  kMedical,
  kDrug,
  kSetup,
  kPlanning,
  kRideHailing,
  kDrainage,
  kLabourDispatch,
  kHumanResources,
  kGas,
  kProject,
  kOutdoorAd,
};

struct LicenceType {
  LicenceNo no;
  Dept dept;
  bool county_level;
  uint8_t kinds;
  int flags;  // 0: any trade
  double weight;
  std::string_view xkws, xklb, xkzs, nr;
  int years;  // validity; 0: long-term (2099-12-31)
};

const LicenceType kLicenceTypes[] = {
    {LicenceNo::kFoodBusiness, Dept::kMarket, true, kE | kI, kFood | kCatering, 12,
     "准予行政许可决定书", "普通", "食品经营许可证", "", 5},
    {LicenceNo::kFoodBusiness, Dept::kMarket, true, kP, kFood, 6, "准予行政许可决定书", "普通",
     "食品经营许可证", "单位食堂（热食类食品制售）", 5},
    {LicenceNo::kFoodProduction, Dept::kMarket, false, kE, kFood | kManufacturing, 3,
     "准予食品生产许可决定书", "普通", "食品生产许可证", "", 5},
    {LicenceNo::kDischarge, Dept::kEcology, false, kE | kP, kManufacturing | kHealth, 5,
     "排污许可证核发决定", "普通", "排污许可证", "", 5},
    {LicenceNo::kBuilding, Dept::kHousing, false, kE, kConstruction | kRealEstate, 6,
     "建筑工程施工许可决定书", "普通", "建筑工程施工许可证", "", 0},
    {LicenceNo::kRoadTransport, Dept::kTransport, false, kE | kI, kTransport, 6,
     "道路运输经营许可决定书", "普通", "道路运输经营许可证", "道路普通货物运输", 4},
    {LicenceNo::kHygiene, Dept::kHealth, false, kE | kI, kPublicPlace, 6, "公共场所卫生许可决定书",
     "普通", "公共场所卫生许可证", "", 4},
    {LicenceNo::kMedical, Dept::kHealth, false, kP | kE | kI, kHealth, 4, "医疗机构执业登记决定书",
     "普通", "医疗机构执业许可证", "", 5},
    {LicenceNo::kDrug, Dept::kMarket, false, kE | kI, kHealth, 4, "药品经营许可决定书", "普通",
     "药品经营许可证",
     "处方药、甲类非处方药、乙类非处方药：中成药、化学药制剂、抗生素制剂、生化药品", 5},
    {LicenceNo::kPlanning, Dept::kNaturalRes, false, kE, kRealEstate, 3, "建设工程规划许可决定书",
     "普通", "建设工程规划许可证", "", 0},
    {LicenceNo::kRideHailing, Dept::kTransport, false, kN, 0, 10, "准予行政许可决定书", "认可",
     "网络预约出租汽车驾驶员证", "网络预约出租汽车驾驶员从业资格", 6},
    {LicenceNo::kDrainage, Dept::kWater, false, kE | kI, kCatering | kManufacturing, 4,
     "城镇污水排入排水管网许可决定书", "普通", "城镇污水排入排水管网许可证", "", 5},
    {LicenceNo::kLabourDispatch, Dept::kHrss, false, kE, kLabour, 4, "劳务派遣经营许可决定书",
     "普通", "劳务派遣经营许可证", "劳务派遣经营", 3},
    {LicenceNo::kHumanResources, Dept::kHrss, false, kE, kLabour, 3, "人力资源服务许可决定书",
     "普通", "人力资源服务许可证", "职业介绍；人力资源供求信息的收集和发布；就业和创业指导", 0},
    {LicenceNo::kGas, Dept::kHousing, false, kE, kEnergy, 3, "燃气经营许可决定书", "特许",
     "燃气经营许可证", "瓶装液化石油气供应", 3},
    {LicenceNo::kProject, Dept::kDevReform, false, kE, kEnergy | kRealEstate | kManufacturing, 1,
     "项目核准批复", "核准", "", "", 2},
    {LicenceNo::kOutdoorAd, Dept::kUrban, false, kE | kI, 0, 0.5, "户外广告设置许可决定书",
     "其他-户外广告设置审批", "户外广告设置许可证", "", 2},
};

class LicenceMaker {
 public:
  explicit LicenceMaker(const Layout& L)
      : L_(L),
        xkws_(L.Col("XK_XKWS")),
        wsh_(L.Col("XK_WSH")),
        xklb_(L.Col("XK_XKLB")),
        xkzs_(L.Col("XK_XKZS")),
        xkbh_(L.Col("XK_XKBH")),
        nr_(L.Col("XK_NR")),
        jdrq_(L.Col("XK_JDRQ")),
        yxqz_(L.Col("XK_YXQZ")),
        yxqzi_(L.Col("XK_YXQZI")),
        xkjg_(L.Col("XK_XKJG")),
        xkjgdm_(L.Col("XK_XKJGDM")),
        zt_(L.Col("XK_ZT")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    // Registration of recent subjects, published as a licence of category 登记.
    if ((s.kind_bit & (kE | kI | kC)) && s.established >= ctx.shared().window_start &&
        rng.Chance(0.25)) {
      Setup(s, ctx);
    }
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.30;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.30;
        break;
      case SubjectKind::kPublicInstitution:
        rate = 0.30;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.03;
        break;
      default:
        break;
    }
    // Trades that need no sector licence rarely get one (outdoor signs and the like).
    bool specific = false;
    for (const LicenceType& t : kLicenceTypes) {
      specific = specific || ((t.kinds & s.kind_bit) && t.flags != 0 && (t.flags & s.trade_flags));
    }
    if (!specific && s.kind != SubjectKind::kNaturalPerson) rate *= 0.15;
    if (!rng.Chance(rate)) return;
    const int count = rng.Chance(0.7) ? 1 : rng.Chance(0.7) ? 2 : 3;
    const LicenceType* used[3] = {nullptr, nullptr, nullptr};
    for (int k = 0; k < count; ++k) {
      const LicenceType* t = Choose(s, rng);
      if (t == nullptr || std::find(std::begin(used), std::end(used), t) != std::end(used))
        continue;
      used[k] = t;
      One(s, ctx, *t);
    }
  }

 private:
  const LicenceType* Choose(const Subject& s, Rng& rng) const {
    double total = 0;
    auto fits = [&](const LicenceType& t) {
      return (t.kinds & s.kind_bit) && (t.flags == 0 || (t.flags & s.trade_flags));
    };
    for (const LicenceType& t : kLicenceTypes) total += fits(t) ? t.weight : 0;
    if (total <= 0) return nullptr;
    double pick = rng.Unit() * total;
    const LicenceType* chosen = nullptr;
    for (const LicenceType& t : kLicenceTypes) {
      if (!fits(t)) continue;
      chosen = &t;
      pick -= t.weight;
      if (pick < 0) break;
    }
    return chosen;
  }

  void Finish(const Subject& s, ChunkContext& ctx, Row& row, Date decided, int years,
              int authority) const {
    const Date from = decided.AddDays(static_cast<int32_t>(ctx.rng().Below(3)));
    const Date until = years > 0 ? from.AddYears(years).AddDays(-1) : Ymd(2099, 12, 31);
    Set(row, jdrq_, IsoDate(decided));
    Set(row, yxqz_, IsoDate(from));
    Set(row, yxqzi_, IsoDate(until));
    const Authority& a = Auth(ctx, authority);
    Set(row, xkjg_, a.name);
    Set(row, xkjgdm_, a.uscc);
    const bool valid = until >= ctx.as_of() && (s.kind == SubjectKind::kNaturalPerson || s.live());
    Set(row, zt_, valid ? "1" : "2");
    ctx.Emit(L_, row);
  }

  void Setup(const Subject& s, ChunkContext& ctx) const {
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    const Date decided = s.established;
    const int authority = s.registrar;
    const Authority& a = Auth(ctx, authority);
    const uint64_t n = ctx.Number(authority, decided.year(), 20);
    Set(row, xkws_, "准予设立登记通知书");
    Set(row, wsh_, fmt::format("（{}）登记内设字〔{}〕第{:06d}号", a.stem, decided.year(), n));
    Set(row, xklb_, "登记");
    Set(row, xkzs_, "营业执照");
    Set(row, xkbh_, s.code);
    Set(row, nr_,
        fmt::format("准予设立登记。名称：{}；类型：{}；经营范围：{}", s.name, s.type_text,
                    s.scope));
    Finish(s, ctx, row, decided, 0, authority);
  }

  void One(const Subject& s, ChunkContext& ctx, const LicenceType& t) const {
    Rng& rng = ctx.rng();
    Date lo, hi;
    if (!DecisionSpan(s, ctx, lo, hi, 10)) return;
    // Licences reach further back than penalties: long-lived ones are still shown.
    if (s.kind == SubjectKind::kNaturalPerson || s.established < lo.AddYears(-3)) {
      lo = lo.AddYears(-3);
      if (s.kind != SubjectKind::kNaturalPerson && lo < s.established.AddDays(10)) {
        lo = s.established.AddDays(10);
      }
    }
    const Date decided = RandomDate(rng, lo, hi);
    const int authority = Decider(ctx, s, t.dept, t.county_level);
    const County& county = ctx.geo().counties()[s.county];
    const City& city = ctx.geo().cities()[county.city];
    const int year = decided.year();
    const int series = 10 + static_cast<int>(t.no);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    std::string number, wsh, nr(t.nr);
    switch (t.no) {
      case LicenceNo::kFoodBusiness: {
        const char kind = s.kind == SubjectKind::kPublicInstitution ? '3'
                          : (s.trade_flags & kCatering)             ? '2'
                                                                    : '1';
        // Numbered per county: the county's and the city's regulator share the series.
        const uint64_t n =
            ctx.Number(kCountySeriesBase + std::atoi(county.code.c_str()), 0, series);
        number = fmt::format("JY{}{}{:06d}{}", kind, county.code, n % 1000000, n % 10);
        if (nr.empty()) {
          nr = kind == '2'
                   ? "经营项目：热食类食品制售；冷食类食品制售；自制饮品制售"
                   : "经营项目：预包装食品（含冷藏冷冻食品）销售；散装食品（含冷藏冷冻食品）销售";
        }
        wsh = number;
        break;
      }
      case LicenceNo::kFoodProduction: {
        const uint64_t n = ctx.Number(authority, 0, series);
        number =
            fmt::format("SC{}{}{:04d}{}", Pick(rng, {"101", "106", "113", "117", "122", "128"}),
                        county.code, n % 10000, n % 10);
        nr = std::string("食品类别：") +
             std::string(Pick(rng, {"糕点", "饮料", "肉制品", "调味品", "速冻食品", "罐头"}));
        wsh = number;
        break;
      }
      case LicenceNo::kDischarge:
        number = s.code + (rng.Chance(0.5) ? "001P" : "001U");
        wsh = number;
        nr = std::string("行业类别：") + std::string(s.industry_name) +
             "；主要污染物类别：废气、废水";
        break;
      case LicenceNo::kBuilding: {
        const uint64_t n = ctx.Number(authority, year, series);
        number = fmt::format("{}{:04d}{:02d}{:02d}{:04d}", county.code, year, decided.month(),
                             decided.day(), n % 10000);
        wsh = number;
        nr = fmt::format("{}{}工程，建筑面积{}平方米", SubjectMaker::Brand(rng),
                         Pick(rng, {"花园", "广场", "产业园厂房", "商业中心", "综合楼"}),
                         rng.Range(2000, 200000));
        break;
      }
      case LicenceNo::kRoadTransport: {
        const uint64_t n = ctx.Number(authority, 0, series);
        number = fmt::format("粤交运管许可{}字{}{:06d}号", city.abbr, county.code, n);
        wsh = number;
        break;
      }
      case LicenceNo::kHygiene: {
        const uint64_t n = ctx.Number(authority, year, series);
        number = fmt::format("粤卫公证字〔{}〕第{}{:05d}号", year, county.code, n);
        wsh = number;
        nr = s.trade_flags & kCatering ? "住宿业"
                                       : std::string(Pick(rng, {"美容店", "理发店", "沐足店"}));
        break;
      }
      case LicenceNo::kMedical: {
        const uint64_t n = ctx.Number(authority, 0, series);
        number = fmt::format("PDY{:05d}{}{}", n % 100000, county.code,
                             s.kind == SubjectKind::kPublicInstitution ? "12A1001" : "17D2202");
        wsh = DocNumber(ctx, authority, year, series, "医证");
        nr = s.kind == SubjectKind::kPublicInstitution
                 ? "诊疗科目：预防保健科；内科；外科；妇产科；儿科；急诊医学科"
                 : "诊疗科目：内科；中医科";
        break;
      }
      case LicenceNo::kDrug: {
        const uint64_t n = ctx.Number(authority, 0, series);
        number = fmt::format("粤{}{}{:05d}", s.kind == SubjectKind::kEnterprise ? "CA" : "CB",
                             city.code.substr(2, 2), n % 100000);
        wsh = number;
        break;
      }
      case LicenceNo::kPlanning: {
        const uint64_t n = ctx.Number(authority, year, series);
        number = fmt::format("建字第{}{}{:05d}号", county.code, year, n);
        wsh = number;
        nr = fmt::format("{}{}项目，建设规模{}平方米", SubjectMaker::Brand(rng),
                         Pick(rng, {"花园", "广场", "商务中心"}), rng.Range(5000, 300000));
        break;
      }
      case LicenceNo::kRideHailing:
        number = s.code;
        wsh = DocNumber(ctx, authority, year, series, "网约驾许");
        break;
      case LicenceNo::kDrainage:
        wsh = DocNumber(ctx, authority, year, series, "排证字");
        number = wsh;
        nr = fmt::format("排水户类型：{}；排水量{}立方米/日",
                         s.trade_flags & kCatering ? "餐饮" : "工业", rng.Range(5, 800));
        break;
      case LicenceNo::kLabourDispatch:
      case LicenceNo::kHumanResources: {
        wsh = DocNumber(ctx, authority, year, series,
                        t.no == LicenceNo::kLabourDispatch ? "劳派许" : "人服许");
        number =
            fmt::format("{}{}{:05d}", county.code, year, ctx.Number(authority, year, series + 40));
        break;
      }
      case LicenceNo::kGas: {
        const uint64_t n = ctx.Number(authority, 0, series);
        number = fmt::format("粤{}{}{:04d}L", city.code.substr(2, 2), year, n % 10000);
        wsh = DocNumber(ctx, authority, year, series, "燃许");
        break;
      }
      case LicenceNo::kProject:
        wsh = DocNumber(ctx, authority, year, series, "核准");
        nr = fmt::format("核准{}{}项目，总投资{}万元", SubjectMaker::Brand(rng),
                         Pick(rng, {"光伏发电", "生产基地", "城市更新", "物流园"}),
                         rng.Range(5000, 300000));
        break;
      case LicenceNo::kOutdoorAd:
        wsh = DocNumber(ctx, authority, year, series, "户广许");
        number = wsh;
        nr = fmt::format("设置户外招牌广告，面积{}平方米", rng.Range(2, 60));
        break;
      case LicenceNo::kSetup:
        break;
    }
    if (nr.empty()) nr = std::string(t.xkzs) + "核发";
    Set(row, xkws_, t.xkws);
    Set(row, wsh_, wsh);
    Set(row, xklb_, t.xklb);
    Set(row, xkzs_, t.xkzs);
    Set(row, xkbh_, number);
    Set(row, nr_, nr);
    Finish(s, ctx, row, decided, t.years, authority);
  }

  const Layout& L_;
  int xkws_, wsh_, xklb_, xkzs_, xkbh_, nr_, jdrq_, yxqz_, yxqzi_, xkjg_, xkjgdm_, zt_;
};

// ---------------------------------------------------------------------------------
// 行政检查

struct InspectionMatter {
  Dept dept;
  bool county_level;
  uint8_t kinds;
  int flags;
  std::string_view matter;
  std::string_view issue;  // what a finding says
};

const InspectionMatter kInspectionMatters[] = {
    {Dept::kMarket, true, kE | kI | kP, kFood, "食品经营者日常监督检查", "进货查验记录不完整"},
    {Dept::kMarket, true, kE | kC, 0, "企业公示信息抽查", "年度报告公示的信息与实际不符"},
    {Dept::kMarket, true, kE | kI, kRetail | kManufacturing, "产品质量监督抽查",
     "部分产品标识不规范"},
    {Dept::kMarket, true, kE | kI, kRetail | kCatering, "价格行为检查", "部分商品未明码标价"},
    {Dept::kMarket, false, kE, kManufacturing | kPublicPlace | kRealEstate,
     "特种设备使用单位监督检查", "电梯维护保养记录不完整"},
    {Dept::kFire, false, kE | kI | kS | kP, 0, "消防安全检查", "部分灭火器压力不足"},
    {Dept::kEcology, false, kE | kP, kManufacturing | kHealth, "排污单位执法检查",
     "污染防治设施运行台账不完整"},
    {Dept::kEmergency, false, kE, kManufacturing | kConstruction, "安全生产执法检查",
     "安全生产教育培训记录不全"},
    {Dept::kHealth, false, kE | kI, kPublicPlace, "公共场所卫生监督检查",
     "从业人员健康合格证明过期"},
    {Dept::kHealth, false, kP | kE | kI, kHealth, "医疗机构依法执业检查", "病历书写不规范"},
    {Dept::kHousing, false, kE, kConstruction, "建筑施工安全检查", "施工现场临边防护不到位"},
    {Dept::kHrss, false, kE, 0, "劳动保障监察书面审查", "未按规定建立职工名册"},
};

class InspectionMaker {
 public:
  explicit InspectionMaker(const Layout& L)
      : L_(L),
        wsh_(L.Col("JC_WSH")),
        sx_(L.Col("JC_JCSX")),
        lx_(L.Col("JC_JCLX")),
        rq_(L.Col("JC_JCRQ")),
        nr_(L.Col("JC_JCJG_NR")),
        jl_(L.Col("JC_JCJL")),
        jg_(L.Col("JC_JG")),
        jgdm_(L.Col("JC_JGDM")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.06;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.04;
        break;
      case SubjectKind::kPublicInstitution:
        rate = 0.05;
        break;
      case SubjectKind::kSocialOrganisation:
        rate = 0.01;
        break;
      case SubjectKind::kFarmerCooperative:
        rate = 0.02;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    const int count = rng.Chance(0.8) ? 1 : 2;
    for (int k = 0; k < count; ++k) One(s, ctx);
  }

 private:
  void One(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    const InspectionMatter* chosen = nullptr;
    int seen = 0;
    for (const InspectionMatter& m : kInspectionMatters) {
      if ((m.kinds & s.kind_bit) && (m.flags == 0 || (m.flags & s.trade_flags)) &&
          rng.Below(++seen) == 0) {
        chosen = &m;
      }
    }
    Date lo, hi;
    if (chosen == nullptr || !DecisionSpan(s, ctx, lo, hi, 30)) return;
    const Date day = RandomDate(rng, lo, hi);
    const int authority = Decider(ctx, s, chosen->dept, chosen->county_level);
    const Authority& a = Auth(ctx, authority);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    Set(row, wsh_, DocNumber(ctx, authority, day.year(), kSeriesInspection, "检"));
    Set(row, sx_, chosen->matter);
    const double t = rng.Unit();
    Set(row, lx_,
        t < 0.4    ? "双随机抽查"
        : t < 0.7  ? "日常检查"
        : t < 0.85 ? "专项检查"
        : t < 0.95 ? "投诉举报核查"
                   : "重点检查");
    Set(row, rq_, IsoDate(day));
    const double r = rng.Unit();
    if (r < 0.75) {
      Set(row, nr_, "检查未发现违法违规行为。");
      Set(row, jl_, "未发现问题");
    } else if (r < 0.95) {
      Set(row, nr_, fmt::format("检查发现{}，已当场责令限期整改。", chosen->issue));
      Set(row, jl_, "发现问题已责令整改");
    } else {
      Set(row, nr_, fmt::format("检查发现{}，涉嫌违法，已移交案件查办机构处理。", chosen->issue));
      Set(row, jl_, "发现问题已移交查处");
    }
    Set(row, jg_, a.name);
    Set(row, jgdm_, a.uscc);
    ctx.Emit(L_, row);
  }

  const Layout& L_;
  int wsh_, sx_, lx_, rq_, nr_, jl_, jg_, jgdm_;
};

// ---------------------------------------------------------------------------------
// 行政强制

struct CoercionScenario {
  Dept dept;
  bool county_level;
  uint8_t kinds;
  int flags;
  std::string_view zl;  // coercion kinds, ';'-separated
  std::string_view sy, yj, nr;
  bool period;  // 查封 / 扣押: 30 days
  bool amount;
};

const CoercionScenario kCoercions[] = {
    {Dept::kMarket, true, kE | kI, kFood, "查封场所、设施或者财物;扣押财物",
     "当事人涉嫌生产经营不符合食品安全标准的{food}",
     "《中华人民共和国食品安全法》第一百一十条第（四）项；《中华人民共和国行政强制法》第二十二条",
     "查封当事人位于{addr}的仓库，扣押{food}{qty}件", true, false},
    {Dept::kMarket, true, kE | kI, kRetail | kManufacturing, "扣押财物",
     "当事人涉嫌销售不符合国家标准的{goods}",
     "《中华人民共和国产品质量法》第十八条第一款第（四）项；《中华人民共和国行政强制法》第二十二条",
     "扣押{goods}{qty}件", true, false},
    {Dept::kEcology, false, kE, kManufacturing, "查封场所、设施或者财物",
     "当事人违法排放污染物，造成或者可能造成严重污染",
     "《中华人民共和国环境保护法》第二十五条；《环境保护主管部门实施查封、扣押办法》第四条",
     "查封当事人{process}生产线及配套设备{qty}台（套）", true, false},
    {Dept::kEmergency, false, kE, kManufacturing, "查封场所、设施或者财物",
     "当事人使用的设备设施不符合保障安全生产的国家标准或者行业标准",
     "《中华人民共和国安全生产法》第六十五条第一款第（四）项", "查封当事人{process}车间及相关设备",
     true, false},
    {Dept::kTax, false, kE | kI, 0, "冻结存款、汇款",
     "当事人有逃避纳税义务的行为且未能提供纳税担保",
     "《中华人民共和国税收征收管理法》第三十八条第一款第（一）项",
     "冻结当事人在{bank}的存款{amount}元", true, true},
    {Dept::kTax, false, kE | kI, 0, "划拨存款、汇款;加处罚款或者滞纳金",
     "当事人未按照规定的期限缴纳税款，经责令限期缴纳逾期仍未缴纳",
     "《中华人民共和国税收征收管理法》第四十条第一款第（一）项",
     "从当事人在{bank}的存款中扣缴税款及滞纳金{amount}元", false, true},
};

class CoercionMaker {
 public:
  explicit CoercionMaker(const Layout& L)
      : L_(L),
        wsh_(L.Col("QZ_WSH")),
        zl_(L.Col("QZ_ZL")),
        sy_(L.Col("QZ_SY")),
        yj_(L.Col("QZ_YJ")),
        nr_(L.Col("QZ_NR")),
        je_(L.Col("QZ_JE")),
        jdrq_(L.Col("QZ_JDRQ")),
        qxz_(L.Col("QZ_QXZ")),
        qxzi_(L.Col("QZ_QXZI")),
        jg_(L.Col("QZ_JG")),
        jgdm_(L.Col("QZ_JGDM")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    const double rate = s.kind == SubjectKind::kEnterprise           ? 0.005
                        : s.kind == SubjectKind::kIndividualBusiness ? 0.003
                                                                     : 0;
    if (!rng.Chance(rate)) return;
    const CoercionScenario* chosen = nullptr;
    int seen = 0;
    for (const CoercionScenario& c : kCoercions) {
      if ((c.kinds & s.kind_bit) && (c.flags == 0 || (c.flags & s.trade_flags)) &&
          rng.Below(++seen) == 0) {
        chosen = &c;
      }
    }
    Date lo, hi;
    if (chosen == nullptr || !DecisionSpan(s, ctx, lo, hi, 60)) return;
    const Date decided = RandomDate(rng, lo, hi);
    const int authority = Decider(ctx, s, chosen->dept, chosen->county_level);
    const Authority& a = Auth(ctx, authority);
    const int64_t amount = rng.Range(5000, 2000000);
    const std::string food(rng.Pick(words::Foods()));
    const std::string goods(rng.Pick(words::Goods()));
    auto var = [&](std::string_view key) -> std::string {
      if (key == "food") return food;
      if (key == "goods") return goods;
      if (key == "addr") return s.address;
      if (key == "qty") return std::to_string(rng.Range(2, 200));
      if (key == "process") return std::string(Pick(rng, {"喷涂", "电镀", "注塑", "印刷", "熔炼"}));
      if (key == "bank")
        return std::string(Pick(rng, {"中国工商银行", "中国农业银行", "中国银行", "中国建设银行",
                                      "广州农村商业银行", "招商银行"}));
      if (key == "amount") return std::to_string(amount);
      return std::string(key);
    };
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    Set(row, wsh_, DocNumber(ctx, authority, decided.year(), kSeriesCoercion, "强制"));
    Set(row, zl_, chosen->zl);
    Set(row, sy_, Fill(chosen->sy, var));
    Set(row, yj_, chosen->yj);
    Set(row, nr_, Fill(chosen->nr, var));
    if (chosen->amount) Set(row, je_, WanYuan(amount * 100));
    Set(row, jdrq_, IsoDate(decided));
    if (chosen->period) {
      Set(row, qxz_, IsoDate(decided));
      Set(row, qxzi_, IsoDate(decided.AddDays(29)));
    }
    Set(row, jg_, a.name);
    Set(row, jgdm_, a.uscc);
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int wsh_, zl_, sy_, yj_, nr_, je_, jdrq_, qxz_, qxzi_, jg_, jgdm_;
};

// ---------------------------------------------------------------------------------
// 行政征收

struct LevyItem {
  Dept dept;
  uint8_t kinds;
  int flags;
  std::string_view lb, xm, yj;
  int64_t min_yuan, max_yuan;  // 0: no amount
  std::string_view mid;
};

const LevyItem kLevies[] = {
    {Dept::kHousing, kE, kRealEstate | kConstruction, "行政事业性收费", "城市基础设施配套费",
     "《广东省城市基础设施配套费征收使用管理办法》", 100000, 5000000, "配征"},
    {Dept::kWater, kE, kRealEstate | kConstruction | kManufacturing, "行政事业性收费",
     "水土保持补偿费",
     "《中华人民共和国水土保持法》第三十二条；《水土保持补偿费征收使用管理办法》（财综〔2014〕8号"
     "）",
     5000, 500000, "水保征"},
    {Dept::kTax, kE, 0, "政府性基金", "残疾人就业保障金",
     "《残疾人就业保障金征收使用管理办法》（财税〔2015〕72号）", 1000, 200000, "残保征"},
    {Dept::kNaturalRes, kE, kRealEstate, "政府性基金", "国有土地使用权出让收入",
     "《中华人民共和国城市房地产管理法》第十六条；《国有土地使用权出让收支管理办法》", 5000000,
     500000000, "地征"},
    {Dept::kHousing, kE, kRealEstate, "行政事业性收费", "防空地下室易地建设费",
     "《中华人民共和国人民防空法》第二十二条；《广东省实施〈中华人民共和国人民防空法〉办法》",
     100000, 3000000, "人防征"},
    {Dept::kTax, kE, 0, "社会保险费", "欠缴社会保险费追缴",
     "《中华人民共和国社会保险法》第六十三条", 2000, 300000, "社保征"},
    {Dept::kGovernment, kN | kI, 0, "房屋征收", "国有土地上房屋征收",
     "《国有土地上房屋征收与补偿条例》第八条、第十三条", 0, 0, "房征"},
    {Dept::kGovernment, kC, 0, "土地征收", "集体土地征收",
     "《中华人民共和国土地管理法》第四十五条、第四十七条", 0, 0, "地征收"},
};

class LevyMaker {
 public:
  explicit LevyMaker(const Layout& L)
      : L_(L),
        wsh_(L.Col("ZS_WSH")),
        lb_(L.Col("ZS_LB")),
        xm_(L.Col("ZS_XM")),
        yj_(L.Col("ZS_YJ")),
        je_(L.Col("ZS_JE")),
        jdrq_(L.Col("ZS_JDRQ")),
        jg_(L.Col("ZS_JG")),
        jgdm_(L.Col("ZS_JGDM")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.02;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.002;
        break;
      case SubjectKind::kFarmerCooperative:
        rate = 0.01;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.003;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    const LevyItem* chosen = nullptr;
    int seen = 0;
    for (const LevyItem& l : kLevies) {
      if ((l.kinds & s.kind_bit) && (l.flags == 0 || (l.flags & s.trade_flags)) &&
          rng.Below(++seen) == 0) {
        chosen = &l;
      }
    }
    Date lo, hi;
    if (chosen == nullptr || !DecisionSpan(s, ctx, lo, hi, 60)) return;
    const Date decided = RandomDate(rng, lo, hi);
    const int city = ctx.geo().counties()[s.county].city;
    const int authority = ctx.roster().OfCity(city, chosen->dept);
    const Authority& a = Auth(ctx, authority);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    Set(row, wsh_, DocNumber(ctx, authority, decided.year(), kSeriesLevy, chosen->mid));
    Set(row, lb_, chosen->lb);
    std::string xm(chosen->xm);
    if (chosen->lb == "房屋征收") {
      xm += fmt::format("（{}片区旧城改造项目，房屋建筑面积{}平方米）", SubjectMaker::Brand(rng),
                        rng.Range(40, 400));
    } else if (chosen->lb == "土地征收") {
      xm +=
          fmt::format("（{}村集体土地{}公顷）", rng.Pick(words::VillageNames()), rng.Range(1, 80));
    } else if (chosen->xm == "欠缴社会保险费追缴") {
      const Date from = decided.AddMonths(-12);
      xm = fmt::format("追缴{}年{}月至{}年{}月欠缴的社会保险费", from.year(), from.month(),
                       decided.AddMonths(-1).year(), decided.AddMonths(-1).month());
    } else {
      xm += fmt::format("（{}年度）", decided.year());
    }
    Set(row, xm_, xm);
    Set(row, yj_, chosen->yj);
    if (chosen->max_yuan > 0)
      Set(row, je_, WanYuan(rng.Range(chosen->min_yuan, chosen->max_yuan) * 100));
    Set(row, jdrq_, IsoDate(decided));
    Set(row, jg_, a.name);
    Set(row, jgdm_, a.uscc);
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int wsh_, lb_, xm_, yj_, je_, jdrq_, jg_, jgdm_;
};

// ---------------------------------------------------------------------------------
// 行政征用

class RequisitionMaker {
 public:
  explicit RequisitionMaker(const Layout& L)
      : L_(L),
        wsh_(L.Col("ZY_WSH")),
        dx_(L.Col("ZY_DX")),
        yj_(L.Col("ZY_YJ")),
        jdrq_(L.Col("ZY_JDRQ")),
        qxz_(L.Col("ZY_QXZ")),
        qxzi_(L.Col("ZY_QXZI")),
        bcje_(L.Col("ZY_BCJE")),
        jg_(L.Col("ZY_JG")),
        jgdm_(L.Col("ZY_JGDM")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    const bool hotel = s.kind == SubjectKind::kEnterprise && (s.trade_flags & kPublicPlace) &&
                       (s.trade_flags & kCatering);
    const bool trucks = (s.kind_bit & (kE | kI)) && (s.trade_flags & (kTransport | kConstruction));
    const double rate = hotel                                ? 0.02
                        : trucks                             ? 0.01
                        : s.kind == SubjectKind::kEnterprise ? 0.0005
                                                             : 0;
    if (!rng.Chance(rate)) return;
    Date lo, hi;
    if (!DecisionSpan(s, ctx, lo, hi, 60)) return;
    Date decided = RandomDate(rng, lo, hi);
    const int city = ctx.geo().counties()[s.county].city;
    std::string dx, yj;
    int authority;
    int days;
    if (hotel) {
      // Hotels taken as quarantine sites during the epidemic (2020-2022).
      const Date start = std::max(lo, Ymd(2020, 2, 1)), end = std::min(hi, Ymd(2022, 11, 30));
      if (end < start) return;
      decided = RandomDate(rng, start, end);
      dx = fmt::format("{}位于{}的客房{}间及配套设施，用作集中隔离医学观察场所", s.name, s.address,
                       rng.Range(40, 400));
      yj = "《中华人民共和国传染病防治法》第四十五条第一款；《中华人民共和国突发事件应对法》第十二"
           "条";
      authority = ctx.roster().OfCity(city, rng.Chance(0.5) ? Dept::kHealth : Dept::kGovernment);
      days = static_cast<int>(rng.Range(30, 180));
    } else if (trucks) {
      dx = fmt::format("运输车辆{}台、挖掘机{}台，用于防汛抢险救灾", rng.Range(2, 20),
                       rng.Range(1, 6));
      yj = "《中华人民共和国防洪法》第四十五条第一款；《中华人民共和国突发事件应对法》第十二条";
      authority = ctx.roster().OfCity(city, Dept::kEmergency);
      days = static_cast<int>(rng.Range(3, 30));
    } else {
      dx = fmt::format("{}仓库{}平方米，用于储存应急救灾物资", s.address, rng.Range(500, 8000));
      yj = "《中华人民共和国突发事件应对法》第十二条";
      authority = ctx.roster().OfCity(city, Dept::kEmergency);
      days = static_cast<int>(rng.Range(10, 90));
    }
    const Authority& a = Auth(ctx, authority);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    Set(row, wsh_, DocNumber(ctx, authority, decided.year(), kSeriesRequisition, "征用"));
    Set(row, dx_, dx);
    Set(row, yj_, yj);
    Set(row, jdrq_, IsoDate(decided));
    Set(row, qxz_, IsoDate(decided));
    Set(row, qxzi_, IsoDate(decided.AddDays(days - 1)));
    Set(row, bcje_, WanYuan(rng.Range(1000, 300000) * 100));
    Set(row, jg_, a.name);
    Set(row, jgdm_, a.uscc);
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int wsh_, dx_, yj_, jdrq_, qxz_, qxzi_, bcje_, jg_, jgdm_;
};

// ---------------------------------------------------------------------------------
// 失信被执行人

class DefaulterMaker {
 public:
  explicit DefaulterMaker(const Layout& L)
      : L_(L),
        ah_(L.Col("SX_AH")),
        zxfy_(L.Col("SX_ZXFY")),
        yjwh_(L.Col("SX_ZXYJWH")),
        yjdw_(L.Col("SX_ZCZXYJDW")),
        xb_(L.Col("SX_XB")),
        nl_(L.Col("SX_NL")),
        fddbr_(L.Col("SX_FDDBR")),
        yw_(L.Col("SX_YW")),
        lxqk_(L.Col("SX_LXQK")),
        sxqx_(L.Col("SX_SXQX")),
        larq_(L.Col("SX_LARQ")),
        fbrq_(L.Col("SX_FBRQ")),
        sf_(L.Col("SX_SF")),
        zzjg_(L.Col("SX_BZXR_ZZJG")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    Rng& rng = ctx.rng();
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.006;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.003;
        break;
      case SubjectKind::kFarmerCooperative:
        rate = 0.002;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.008;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    Date lo, hi;
    if (!DecisionSpan(s, ctx, lo, hi, 200)) return;
    hi = hi.AddDays(-30);
    if (hi < lo) return;
    const Date filed = RandomDate(rng, lo, hi);
    Date published = filed.AddDays(30 + static_cast<int32_t>(rng.Below(170)));
    if (published >= ctx.as_of()) published = ctx.as_of().AddDays(-1);
    const County& county = ctx.geo().counties()[s.county];
    const City& city = ctx.geo().cities()[county.city];
    const bool intermediate = rng.Chance(0.15);
    const int court = intermediate ? ctx.roster().OfCity(county.city, Dept::kCourt)
                                   : ctx.roster().OfCounty(s.county, Dept::kCourt);
    const Authority& c = Auth(ctx, court);
    const std::string& court_code = intermediate ? city.court_code : county.court_code;
    const uint64_t n = ctx.Number(court, filed.year(), kSeriesCase);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    Set(row, ah_, fmt::format("（{}）{}执{}号", filed.year(), court_code, n));
    Set(row, zxfy_, c.name);
    const int judged = filed.AddMonths(-static_cast<int>(rng.Range(2, 14))).year();
    if (rng.Chance(0.15)) {
      Set(row, yjwh_, fmt::format("{}仲案字〔{}〕第{}号", city.abbr, judged, rng.Range(100, 9999)));
      Set(row, yjdw_, city.short_name + "仲裁委员会");
    } else {
      Set(row, yjwh_,
          fmt::format("（{}）{}民{}{}号", judged, court_code, intermediate ? "终" : "初",
                      rng.Range(100, 49999)));
      Set(row, yjdw_, c.name);
    }
    if (s.kind == SubjectKind::kNaturalPerson) {
      Set(row, xb_, s.person.male ? "男" : "女");
      int age = published.year() - s.person.birth.year();
      if (published.month() < s.person.birth.month() ||
          (published.month() == s.person.birth.month() && published.day() < s.person.birth.day())) {
        --age;
      }
      Set(row, nl_, std::to_string(age));
    } else {
      Set(row, fddbr_, s.person.name);
      if (zzjg_ >= 0 && s.kind != SubjectKind::kIndividualBusiness && rng.Chance(0.5)) {
        row[zzjg_] = s.code.substr(8, 9);
      }
    }
    const bool person = rng.Chance(0.5);
    const std::string creditor =
        person ? SubjectMaker::PersonName(rng, rng.Chance(0.5))
               : city.name + SubjectMaker::Brand(rng) +
                     std::string(Pick(rng, {"贸易有限公司", "建材有限公司", "小额贷款有限公司",
                                            "科技有限公司"}));
    const std::string_view purpose =
        person
            ? Pick(rng, {"借款本金及利息", "劳动报酬", "租金", "装修款", "违约金"})
            : Pick(rng, {"货款", "借款本金及利息", "工程款", "租金", "服务费", "加工费", "运输费"});
    Set(row, yw_,
        fmt::format("被执行人应于判决生效之日起十日内向申请执行人{}支付{}人民币{}"
                    "元及相应利息，并负担案件受理费{}元。",
                    creditor, purpose, rng.Range(3000, 3000000), rng.Range(50, 30000)));
    Set(row, lxqk_, rng.Chance(0.85) ? "全部未履行" : "部分未履行");
    const double q = rng.Unit();
    Set(row, sxqx_,
        q < 0.65   ? "有履行能力而拒不履行生效法律文书确定义务"
        : q < 0.82 ? "违反财产报告制度"
        : q < 0.92 ? "有履行能力而拒不履行生效法律文书确定义务;违反财产报告制度"
        : q < 0.97 ? "违反限制消费令"
                   : "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行");
    Set(row, larq_, IsoDate(filed));
    Set(row, fbrq_, IsoDate(published));
    Set(row, sf_, "广东");
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int ah_, zxfy_, yjwh_, yjdw_, xb_, nl_, fddbr_, yw_, lxqk_, sxqx_, larq_, fbrq_, sf_, zzjg_;
};

// ---------------------------------------------------------------------------------
// 纳税信用A级纳税人

class TaxAMaker {
 public:
  explicit TaxAMaker(const Layout& L)
      : L_(L),
        sbh_(L.Col("NS_NSRSBH")),
        mc_(L.Col("NS_NSRMC")),
        nd_(L.Col("NS_PJND")),
        jb_(L.Col("NS_XYJB")),
        jg_(L.Col("NS_PJJG")),
        jgdm_(L.Col("NS_PJJGDM")),
        fbrq_(L.Col("NS_FBRQ")) {}

  void Run(const Subject& s, ChunkContext& ctx, const SubjectState& state) const {
    Rng& rng = ctx.rng();
    if (s.kind != SubjectKind::kEnterprise || !s.live()) return;
    if (!rng.Chance(0.14)) return;
    // Grades for year Y are published in April of Y + 1.
    const Date as_of = ctx.as_of();
    const int latest = as_of >= Ymd(as_of.year(), 4, 30) ? as_of.year() - 1 : as_of.year() - 2;
    const int first_allowed = std::max(s.established.year() + 1, latest - 4);
    if (first_allowed > latest) return;
    int last = rng.Chance(0.75) ? latest : static_cast<int>(rng.Range(first_allowed, latest));
    int length = 1;
    while (length < 5 && rng.Chance(0.6)) ++length;
    const int first = std::max(first_allowed, last - length + 1);
    const int city = ctx.geo().counties()[s.county].city;
    const int authority = ctx.roster().OfCity(city, Dept::kTax);
    const Authority& a = Auth(ctx, authority);
    for (int y = first; y <= last; ++y) {
      if (state.severe && y >= state.last_penalty.year()) break;
      Row& row = ctx.NewRow(L_);
      Set(row, sbh_, s.code);
      Set(row, mc_, s.name);
      Set(row, nd_, std::to_string(y));
      Set(row, jb_, "A");
      Set(row, jg_, a.name);
      Set(row, jgdm_, a.uscc);
      // One publication day per city and year, in the second half of April.
      const int day = 15 + static_cast<int>(Mix64(static_cast<uint64_t>(city) * 131 + y) % 14);
      Set(row, fbrq_, IsoDate(Ymd(y + 1, 4, day)));
      ctx.Emit(L_, row);
    }
  }

 private:
  const Layout& L_;
  int sbh_, mc_, nd_, jb_, jg_, jgdm_, fbrq_;
};

// ---------------------------------------------------------------------------------
// 信用承诺

class CommitmentMaker {
 public:
  explicit CommitmentMaker(const Layout& L)
      : L_(L),
        bh_(L.Col("CN_BH")),
        lx_(L.Col("CN_LX")),
        sx_(L.Col("CN_SX")),
        nr_(L.Col("CN_NR")),
        qsrq_(L.Col("CN_QSRQ")),
        lxqx_(L.Col("CN_LXQX")),
        slbm_(L.Col("CN_SLBM")),
        slbmdm_(L.Col("CN_SLBMDM")),
        hcbm_(L.Col("CN_HCBM")),
        hcbmdm_(L.Col("CN_HCBMDM")),
        lxzt_(L.Col("CN_LXZT")),
        hcrq_(L.Col("CN_HCRQ")) {}

  void Run(const Subject& s, ChunkContext& ctx, const SubjectState& state) const {
    Rng& rng = ctx.rng();
    const int city = ctx.geo().counties()[s.county].city;
    // A subject with a penalty often signs a repair commitment once the minimum
    // publicity period (3 months) has passed.
    if (state.penalised && !state.last_penalty_number.empty() && rng.Chance(0.25)) {
      const Date signed_on =
          state.last_penalty.AddMonths(3).AddDays(static_cast<int32_t>(rng.Below(200)));
      if (signed_on < ctx.as_of()) {
        const int authority = ctx.roster().OfCity(city, Dept::kDevReform);
        One(s, ctx, authority, "信用修复型",
            "行政处罚信息信用修复（" + state.last_penalty_number + "）",
            fmt::format("本{}"
                        "已纠正失信行为、履行相关义务，现郑重承诺：所提交的信用修复申请材料真实、准"
                        "确、有效；自觉守法诚信经营，"
                        "如再次发生同类失信行为，自愿接受相应惩戒。",
                        s.kind == SubjectKind::kNaturalPerson ? "人" : "单位"),
            signed_on, signed_on.AddYears(1));
      }
    }
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.05;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.03;
        break;
      case SubjectKind::kSocialOrganisation:
        rate = 0.03;
        break;
      case SubjectKind::kPublicInstitution:
        rate = 0.01;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.003;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    Date lo, hi;
    if (!DecisionSpan(s, ctx, lo, hi, 0)) return;
    const Date signed_on = RandomDate(rng, lo, hi);
    const double t = rng.Unit();
    const std::string_view unit = s.kind == SubjectKind::kNaturalPerson ? "人" : "单位";
    if (t < 0.45) {
      const bool food = s.trade_flags & kFood;
      const Dept dept = food                              ? Dept::kMarket
                        : (s.trade_flags & kConstruction) ? Dept::kHousing
                        : (s.trade_flags & kPublicPlace)  ? Dept::kHealth
                                                          : Dept::kMarket;
      const std::string_view matter = food                              ? "食品经营许可"
                                      : (s.trade_flags & kConstruction) ? "建筑业企业资质核准"
                                      : (s.trade_flags & kPublicPlace) ? "公共场所卫生许可"
                                                                       : "企业住所（经营场所）登记";
      One(s, ctx, Decider(ctx, s, dept, dept == Dept::kMarket), "证明事项告知承诺",
          std::string(matter) + "（告知承诺制）",
          fmt::format("本{}"
                      "郑重承诺：已经知晓行政机关告知的全部内容，所提交的申请材料真实、合法、有效，"
                      "能够满足{}的条件、标准和技术要求，"
                      "愿意承担不实承诺的法律责任。",
                      unit, matter),
          signed_on, signed_on.AddMonths(6));
    } else if (t < 0.6) {
      One(s, ctx, Decider(ctx, s, Dept::kMarket, true), "容缺办理型", "经营许可容缺受理",
          fmt::format("本{}承诺在{}个工作日内补齐所缺申请材料，逾期未补齐的，自愿承担相应后果。",
                      unit, rng.Range(5, 20)),
          signed_on, signed_on.AddDays(30));
    } else if (t < 0.75) {
      One(s, ctx, ctx.roster().OfCity(city, Dept::kDevReform), "审批替代型", "企业投资项目备案",
          fmt::format("本{}承诺项目符合国家产业政策，严格按照备案内容建设，依法办理后续手续。",
                      unit),
          signed_on, signed_on.AddYears(1));
    } else if (t < 0.9) {
      One(s, ctx, Decider(ctx, s, Dept::kMarket, false), "主动公示型", "诚信经营承诺",
          fmt::format(
              "本{}承诺诚信经营、守法经营，不制售假冒伪劣商品，明码标价，自觉接受社会监督。", unit),
          signed_on, Ymd(2099, 12, 31));
    } else {
      One(s, ctx, ctx.roster().OfCity(city, Dept::kDevReform), "行业自律型", "行业自律公约",
          fmt::format("本{}承诺遵守行业自律公约，公平竞争，不进行虚假宣传。", unit), signed_on,
          Ymd(2099, 12, 31));
    }
  }

 private:
  void One(const Subject& s, ChunkContext& ctx, int authority, std::string_view type,
           const std::string& matter, const std::string& text, Date signed_on,
           Date deadline) const {
    Rng& rng = ctx.rng();
    const Authority& a = Auth(ctx, authority);
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    const uint64_t n = ctx.Number(authority, signed_on.year(), kSeriesCommitment);
    Set(row, bh_, fmt::format("CN{}{}{:06d}", a.division, signed_on.year(), n));
    Set(row, lx_, type);
    Set(row, sx_, matter);
    Set(row, nr_, text);
    Set(row, qsrq_, IsoDate(signed_on));
    Set(row, lxqx_, IsoDate(deadline));
    Set(row, slbm_, a.name);
    Set(row, slbmdm_, a.uscc);
    Set(row, hcbm_, a.name);
    Set(row, hcbmdm_, a.uscc);
    const bool long_term = deadline.year() == 2099;
    if (long_term || deadline >= ctx.as_of()) {
      Set(row, lxzt_, "待核查");
    } else {
      Set(row, lxzt_, rng.Chance(0.96) ? "践诺" : "违诺");
      Date checked = deadline.AddDays(static_cast<int32_t>(rng.Below(20)));
      if (checked >= ctx.as_of()) checked = ctx.as_of().AddDays(-1);
      Set(row, hcrq_, IsoDate(checked));
    }
    ctx.Emit(L_, row);
  }

  const Layout& L_;
  int bh_, lx_, sx_, nr_, qsrq_, lxqx_, slbm_, slbmdm_, hcbm_, hcbmdm_, lxzt_, hcrq_;
};

// ---------------------------------------------------------------------------------
// 诚实守信相关荣誉

struct HonourType {
  uint8_t kinds;
  int flags;
  Dept dept;
  bool provincial;
  std::string_view name;  // {city} is replaced by the city's name
  std::string_view level;
  int years;  // validity; 0: no end
  int month;  // the month the yearly list comes out
};

const HonourType kHonours[] = {
    {kE, 0, Dept::kMarket, true, "广东省守合同重信用企业", "省级", 2, 7},
    {kE, kManufacturing, Dept::kIndustry, true, "广东省专精特新中小企业", "省级", 3, 12},
    {kE | kI, 0, Dept::kMarket, false, "{city}诚信经营示范单位", "市级", 2, 3},
    {kI, kRetail | kCatering, Dept::kMarket, false, "{city}放心消费示范单位", "市级", 2, 3},
    {kS, 0, Dept::kCivil, false, "{city}5A级社会组织", "市级", 5, 11},
    {kP, 0, Dept::kGovernment, false, "{city}文明单位", "市级", 3, 1},
    {kN, 0, Dept::kGovernment, false, "{city}见义勇为先进个人", "市级", 0, 9},
    {kN, 0, Dept::kGovernment, true, "广东省劳动模范", "省级", 0, 4},
};

class HonourMaker {
 public:
  explicit HonourMaker(const Layout& L)
      : L_(L),
        mc_(L.Col("RY_MC")),
        dj_(L.Col("RY_DJ")),
        syjg_(L.Col("RY_SYJG")),
        syjgdm_(L.Col("RY_SYJGDM")),
        wh_(L.Col("RY_WH")),
        syrq_(L.Col("RY_SYRQ")),
        yxqz_(L.Col("RY_YXQZ")),
        zjhm_(L.Col("RY_XDR_ZJHM")) {}

  void Run(const Subject& s, ChunkContext& ctx, const SubjectState& state) const {
    Rng& rng = ctx.rng();
    if (state.penalised || (s.kind != SubjectKind::kNaturalPerson && !s.live())) return;
    double rate = 0;
    switch (s.kind) {
      case SubjectKind::kEnterprise:
        rate = 0.02;
        break;
      case SubjectKind::kIndividualBusiness:
        rate = 0.01;
        break;
      case SubjectKind::kSocialOrganisation:
        rate = 0.05;
        break;
      case SubjectKind::kPublicInstitution:
        rate = 0.05;
        break;
      case SubjectKind::kNaturalPerson:
        rate = 0.001;
        break;
      default:
        break;
    }
    if (!rng.Chance(rate)) return;
    const HonourType* chosen = nullptr;
    int seen = 0;
    for (const HonourType& h : kHonours) {
      if ((h.kinds & s.kind_bit) && (h.flags == 0 || (h.flags & s.trade_flags)) &&
          rng.Below(++seen) == 0) {
        chosen = &h;
      }
    }
    if (chosen == nullptr) return;
    const int city = ctx.geo().counties()[s.county].city;
    const int authority = chosen->provincial ? ctx.roster().Province(chosen->dept)
                                             : ctx.roster().OfCity(city, chosen->dept);
    const Authority& a = Auth(ctx, authority);
    // Yearly lists: the award day is the same for everyone on one list.
    const Date first = std::max(ctx.shared().window_start, s.kind == SubjectKind::kNaturalPerson
                                                               ? ctx.shared().window_start
                                                               : s.established.AddYears(2));
    std::vector<Date> days;
    for (int y = first.year(); y <= ctx.as_of().year(); ++y) {
      const uint64_t h = Mix64(static_cast<uint64_t>(authority) * 1000003 + y * 31 + chosen->month);
      const Date d = Ymd(y, chosen->month, 1 + static_cast<int>(h % 28));
      if (d >= first && d < ctx.as_of()) days.push_back(d);
    }
    if (days.empty()) return;
    const Date awarded = days[rng.Below(static_cast<uint32_t>(days.size()))];
    Row& row = ctx.NewRow(L_);
    ctx.FillCounterpart(L_, s, row);
    if (s.kind == SubjectKind::kNaturalPerson) Set(row, zjhm_, s.code);
    const City& c = ctx.geo().cities()[city];
    std::string name(chosen->name);
    if (const size_t at = name.find("{city}"); at != std::string::npos) name.replace(at, 6, c.name);
    Set(row, mc_, name);
    Set(row, dj_, chosen->level);
    Set(row, syjg_, a.name);
    Set(row, syjgdm_, a.uscc);
    Set(row, wh_,
        fmt::format("{}〔{}〕{}号", a.stem, awarded.year(),
                    10 + Mix64(static_cast<uint64_t>(authority) + awarded.days()) % 190));
    Set(row, syrq_, IsoDate(awarded));
    Set(row, yxqz_,
        chosen->years > 0 ? IsoDate(awarded.AddYears(chosen->years).AddDays(-1)) : "2099-12-31");
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int mc_, dj_, syjg_, syjgdm_, wh_, syrq_, yxqz_, zjhm_;
};

// ---------------------------------------------------------------------------------
// 登记注册基本信息

class RegistrationMaker {
 public:
  explicit RegistrationMaker(const Layout& L)
      : L_(L),
        ztlx_(L.Col("DJ_ZTLX")),
        fddbr_(L.Col("DJ_FDDBR")),
        clrq_(L.Col("DJ_CLRQ")),
        hzrq_(L.Col("DJ_HZRQ")),
        zczb_(L.Col("DJ_ZCZB")),
        bz_(L.Col("DJ_BZ")),
        hydm_(L.Col("DJ_HYDM")),
        hymc_(L.Col("DJ_HYMC")),
        zs_(L.Col("DJ_ZS")),
        xzqh_(L.Col("DJ_XZQH")),
        jyfw_(L.Col("DJ_JYFW")),
        yyqxz_(L.Col("DJ_YYQXZ")),
        yyqxzi_(L.Col("DJ_YYQXZI")),
        djzt_(L.Col("DJ_DJZT")),
        djjg_(L.Col("DJ_DJJG")),
        djjgdm_(L.Col("DJ_DJJGDM")),
        cym_(L.Col("DJ_CYM")),
        gszch_(L.Col("DJ_GSZCH")),
        zzjgdm_(L.Col("DJ_ZZJGDM")),
        fr_zjlx_(L.Col("DJ_FR_ZJLX")),
        fr_zjhm_(L.Col("DJ_FR_ZJHM")) {}

  void Run(const Subject& s, ChunkContext& ctx) const {
    if (s.kind == SubjectKind::kNaturalPerson || s.registrar < 0) return;
    Rng& rng = ctx.rng();
    Row& row = ctx.NewRow(L_);
    Set(row, L_.name, s.name);
    Set(row, L_.uscc, s.code);
    Set(row, L_.category, s.category());
    Set(row, ztlx_, s.type_text);
    Set(row, fddbr_, s.person.name);
    if (rng.Chance(0.9)) {
      Set(row, fr_zjlx_, "身份证");
      Set(row, fr_zjhm_, s.person.id_number);
    }
    Set(row, clrq_, IsoDate(s.established));
    Set(row, hzrq_, IsoDate(s.approved));
    if (s.capital_fen > 0) {
      Set(row, zczb_, WanYuan(s.capital_fen));
      Set(row, bz_, "人民币");
    }
    Set(row, hydm_, s.industry_code);
    Set(row, hymc_, s.industry_name);
    Set(row, zs_, s.address);
    Set(row, xzqh_, ctx.geo().counties()[s.county].code);
    Set(row, jyfw_, s.scope);
    if (s.kind != SubjectKind::kPublicInstitution && s.kind != SubjectKind::kSocialOrganisation) {
      Set(row, yyqxz_, IsoDate(s.established));
      Set(row, yyqxzi_,
          rng.Chance(0.85)
              ? std::string("2099-12-31")
              : IsoDate(s.established.AddYears(rng.Chance(0.5) ? 20 : 30).AddDays(-1)));
    }
    Set(row, djzt_, s.status);
    const Authority& a = Auth(ctx, s.registrar);
    Set(row, djjg_, a.name);
    Set(row, djjgdm_, a.uscc);
    Set(row, cym_, s.former_name);
    if (s.established < Ymd(2015, 10, 1) && s.kind_bit & (kE | kI | kC)) {
      if (rng.Chance(0.6)) {
        Set(row, gszch_,
            fmt::format("{}{:09d}", ctx.geo().counties()[s.county].code, rng.Range(0, 999999999)));
      }
      if (s.kind != SubjectKind::kIndividualBusiness && rng.Chance(0.5))
        Set(row, zzjgdm_, s.code.substr(8, 9));
    }
    ctx.Emit(L_, row);
  }

 private:
  const Layout& L_;
  int ztlx_, fddbr_, clrq_, hzrq_, zczb_, bz_, hydm_, hymc_, zs_, xzqh_, jyfw_, yyqxz_, yyqxzi_,
      djzt_, djjg_, djjgdm_, cym_, gszch_, zzjgdm_, fr_zjlx_, fr_zjhm_;
};

// ---------------------------------------------------------------------------------

// The makers of one run, built once per Shared (layouts are fixed for the run).
struct Makers {
  std::unique_ptr<RegistrationMaker> registration;
  std::unique_ptr<LicenceMaker> license;
  std::unique_ptr<PenaltyMaker> penalty;
  std::unique_ptr<InspectionMaker> inspection;
  std::unique_ptr<CoercionMaker> coercion;
  std::unique_ptr<LevyMaker> levy;
  std::unique_ptr<RequisitionMaker> requisition;
  std::unique_ptr<DefaulterMaker> defaulter;
  std::unique_ptr<TaxAMaker> tax;
  std::unique_ptr<CommitmentMaker> commitment;
  std::unique_ptr<HonourMaker> honour;

  explicit Makers(const Shared& shared) {
    auto layout = [&](ClassId id) { return shared.layouts[static_cast<int>(id)].get(); };
    if (auto* L = layout(ClassId::kRegistration))
      registration = std::make_unique<RegistrationMaker>(*L);
    if (auto* L = layout(ClassId::kLicense)) license = std::make_unique<LicenceMaker>(*L);
    if (auto* L = layout(ClassId::kPenalty)) penalty = std::make_unique<PenaltyMaker>(*L);
    if (auto* L = layout(ClassId::kInspection)) inspection = std::make_unique<InspectionMaker>(*L);
    if (auto* L = layout(ClassId::kCoercion)) coercion = std::make_unique<CoercionMaker>(*L);
    if (auto* L = layout(ClassId::kLevy)) levy = std::make_unique<LevyMaker>(*L);
    if (auto* L = layout(ClassId::kRequisition))
      requisition = std::make_unique<RequisitionMaker>(*L);
    if (auto* L = layout(ClassId::kJudgmentDefaulter))
      defaulter = std::make_unique<DefaulterMaker>(*L);
    if (auto* L = layout(ClassId::kTaxAGrade)) tax = std::make_unique<TaxAMaker>(*L);
    if (auto* L = layout(ClassId::kCommitment)) commitment = std::make_unique<CommitmentMaker>(*L);
    if (auto* L = layout(ClassId::kHonour)) honour = std::make_unique<HonourMaker>(*L);
  }
};

}  // namespace

std::shared_ptr<const void> BuildRecordMakers(const Shared& shared) {
  return std::make_shared<const Makers>(shared);
}

void GenerateRecords(const Subject& s, ChunkContext& ctx) {
  const Makers& makers = *static_cast<const Makers*>(ctx.shared().makers.get());
  SubjectState state;
  // Fixed order: later classes read what earlier ones found (penalties before
  // honours, tax grades and repair commitments).
  if (makers.registration) makers.registration->Run(s, ctx);
  if (makers.penalty) makers.penalty->Run(s, ctx, state);
  if (makers.license) makers.license->Run(s, ctx);
  if (makers.inspection) makers.inspection->Run(s, ctx);
  if (makers.coercion) makers.coercion->Run(s, ctx);
  if (makers.levy) makers.levy->Run(s, ctx);
  if (makers.requisition) makers.requisition->Run(s, ctx);
  if (makers.defaulter) makers.defaulter->Run(s, ctx);
  if (makers.tax) makers.tax->Run(s, ctx, state);
  if (makers.commitment) makers.commitment->Run(s, ctx, state);
  if (makers.honour) makers.honour->Run(s, ctx, state);
}

}  // namespace gongxin::generator
