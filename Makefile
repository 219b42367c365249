# annals — build, test, install.
#   make              library (build/libannals.a, .so), the annals command
#   make check        every test (unit, spec, golden, CLI, pathological)
#   make asan         the test suite built with -fsanitize=address,undefined
#   make bench        benchmarks (bench/), against peers where available
#   make tables       regenerate generated sources from ../shared/reference
#   make fuzz-build, make fuzz-run FUZZ_SECONDS=60   libFuzzer harnesses (clang-14)
#   make install PREFIX=/usr/local
CC      ?= gcc
PREFIX  ?= /usr/local
BUILD   ?= build
PKGS     = jansson sqlite3 zlib uchardet libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
OPT     ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wconversion -Wno-unused-parameter
SAN     ?=
CFLAGS_ALL = $(OPT) $(WARN) $(SAN) -fPIC -fvisibility=hidden -D_GNU_SOURCE \
             -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

ifeq ($(BUILD),build)
ANNALS   := annals
else
ANNALS   := $(BUILD)/annals
endif

.PHONY: all check asan bench tables install clean dict
all: $(ANNALS) $(BUILD)/libannals.so $(BUILD)/annals.pc

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libannals.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libannals.so: $(LIB_OBJ)
	$(CC) -shared $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(ANNALS): $(CLI_OBJ) $(BUILD)/libannals.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libannals.a $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libannals.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libannals.a $(LDFLAGS_ALL) $(PKG_LIBS)

$(BUILD)/annals.pc: annals.pc.in
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|0.1.0|' -e 's|@PKGS@|$(PKGS)|' $< > $@

check: $(ANNALS) $(TEST_BIN)
	ANNALS=$(abspath $(ANNALS)) BUILD=$(BUILD) tests/run

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" check

bench: $(ANNALS)
	bench/run

tables:
	python3 tools/gen-cameo.py ../shared/reference > src/emit/cameo_table.c
	python3 tools/gen-countries.py > dict/countries.txt

install: all
	install -d $(PREFIX)/bin $(PREFIX)/lib $(PREFIX)/include $(PREFIX)/lib/pkgconfig $(PREFIX)/share/annals/dict
	install -m 755 $(ANNALS) $(PREFIX)/bin/annals
	install -m 644 $(BUILD)/libannals.a $(BUILD)/libannals.so $(PREFIX)/lib/
	install -m 644 include/annals.h $(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|0.1.0|' -e 's|@PKGS@|$(PKGS)|' annals.pc.in > $(PREFIX)/lib/pkgconfig/annals.pc
	install -m 644 dict/*.txt dict/README.md $(PREFIX)/share/annals/dict/

clean:
	rm -rf build build-asan annals

-include $(DEPS)
include fuzz/fuzz.mk
