# Gongxin: two commands for a new user — `make run` and `make test`.
# Every target installs what is missing (scripts/deps.sh) and builds incrementally.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
GONGXIN := $(BUILD_DIR)/src/cli/gongxin

.PHONY: all deps configure build run tour test bench fmt fmt-check clean

all: build

deps:
	@scripts/deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The demo platform: generated data, ingested through the real path, served with the
# portal on http://127.0.0.1:$(DEMO_PORT)/ (Ctrl-C stops it).
DEMO_DIR ?= $(BUILD_DIR)/demo
DEMO_PORT ?= 8080
DEMO_SUBJECTS ?= 20000
run: build
	$(GONGXIN) demo --data $(DEMO_DIR) --port $(DEMO_PORT) --subjects $(DEMO_SUBJECTS)

# A tour of the command line (codes, catalog, generated data, ingest with feedback).
tour: build
	@scripts/tour.sh $(GONGXIN)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/bench.sh $(BUILD_DIR)

fmt:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

fmt-check:
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR)
