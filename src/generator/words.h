// Word lists the generator builds names, addresses and texts from. All made up or
// generic: no real subject's data is shipped.
#pragma once

#include <span>
#include <string_view>

namespace gongxin::generator::words {

using List = std::span<const std::string_view>;

// Auspicious characters of brand names (字号), at least 150 distinct ones.
List BrandChars();
// Family names, the common ones first (weighted by position: see PickSurname).
List Surnames();
// Given-name characters for men and for women.
List MaleGivenChars();
List FemaleGivenChars();
// Road and street names (without 路/街), and their suffixes.
List RoadStems();
List RoadSuffixes();
// Village and area names used by cooperatives and addresses.
List VillageNames();
// Towns of 东莞 and 中山, which have no county-level divisions.
List DongguanTowns();
List ZhongshanTowns();

// A trade of enterprise names (行业表述) with its GB/T 4754-2017 industry.
struct Trade {
  std::string_view words;    // 电子科技
  std::string_view section;  // C
  std::string_view code;     // C39
  std::string_view name;     // 计算机、通信和其他电子设备制造业
  std::string_view scope;    // 经营范围
  int flags;                 // kFood, kManufacturing, ...
};
enum TradeFlag : int {
  kFood = 1,           // sells or makes food
  kManufacturing = 2,  // factory: pollution, work safety, special equipment
  kConstruction = 4,   // building sites
  kTransport = 8,      // road transport
  kCatering = 16,      // restaurants
  kHealth = 32,        // clinics, drugstores
  kPublicPlace = 64,   // hotels, barbers, beauty: 公共场所卫生
  kRealEstate = 128,   // developers
  kFinance = 256,
  kLabour = 512,   // human resources, labour dispatch
  kEnergy = 1024,  // gas, new energy
  kRetail = 2048,  // shops
};
std::span<const Trade> EnterpriseTrades();
std::span<const Trade> IndividualTrades();  // 个体工商户: 粤菜馆, 士多店 ...
// A cooperative's product and its verb (种植 / 养殖).
struct FarmProduct {
  std::string_view product;
  std::string_view verb;
  std::string_view code;  // A01 ...
  std::string_view name;
};
std::span<const FarmProduct> FarmProducts();

// Social organisations: industries of 行业协会 and the names of other associations.
List AssociationTrades();        // 软件, 餐饮, 物流 ...
List AssociationKinds();         // 行业协会, 商会, 促进会 ...
List Hometowns();                // 潮汕, 湖南 ...: 异地商会
List CivilNonEnterpriseKinds();  // 幼儿园, 社会工作服务中心 ...
// Public institutions: kinds that take an ordinal (第三人民医院) and kinds that don't.
List InstitutionOrdinalKinds();
List InstitutionKinds();
// Chinese numerals 一 .. 九十九 for ordinals.
std::string_view Numeral(int n);  // 1 <= n <= 99

// Products sold by shops, used in penalty facts.
List Foods();
List Goods();
// Names of counterparties in court cases and levy items.
List LoanPurposes();

}  // namespace gongxin::generator::words
