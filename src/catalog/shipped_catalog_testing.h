// For tests only: the shipped catalog (catalog/), loaded once per test binary.
#pragma once

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "support/golden.h"

namespace gongxin::catalog {

// The catalog of the source tree; an empty catalog (after a test failure naming
// every problem) if it does not load.
inline const Catalog& ShippedCatalog() {
  static const Catalog* catalog = [] {
    Result<Catalog> loaded = Catalog::LoadDir(::gongxin::testing::CatalogPath());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message() << "\n" << loaded.status().message_zh();
      return new Catalog();
    }
    return new Catalog(std::move(loaded).value());
  }();
  return *catalog;
}

// The shipped class `id`; fails the test and returns an empty class if absent.
inline const InfoClass& ShippedClass(std::string_view id) {
  if (const InfoClass* found = ShippedCatalog().FindClass(id)) return *found;
  ADD_FAILURE() << "no class " << id << " in the shipped catalog";
  static const InfoClass empty;
  return empty;
}

}  // namespace gongxin::catalog
