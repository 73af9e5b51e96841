# Alongside: the two commands a fresh Debian machine needs are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libtiff-dev libpng-dev libproj-dev proj-data libgeotiff-dev gdal-bin pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/alongside
SAMPLES := $(wildcard samples/*/before.*)

.PHONY: deps build run test format bench fuzz clean

# Installs the C libraries and GDAL's tools (the test reference); does nothing when all are present.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product alongside

# The main job on the bundled samples.
run: build
	@mkdir -p out
	@./scripts/run-samples.sh $(BIN)

test: deps
	$(SWIFT) build --product alongside
	$(SWIFT) test --parallel

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

bench: build
	./scripts/bench.sh

fuzz: deps
	./scripts/fuzz.sh

clean:
	rm -rf .build out
