# Gongxin: two commands for a new user — `make run` and `make test`.
# Every target installs what is missing (scripts/deps.sh) and builds incrementally.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
GONGXIN := $(BUILD_DIR)/src/cli/gongxin

.PHONY: all deps configure build run test bench fmt fmt-check clean

all: build

deps:
	@scripts/deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The platform's main job as far as it exists: a tour of the command line.
run: build
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
