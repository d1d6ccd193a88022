# Everything here installs what it needs through go.mod and the npm registry.
SHELL := bash
GO ?= go
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

RELEASE_FLAGS := -tags lambda.norpc -trimpath -buildvcs=false -ldflags "-s -w"
LAMBDA_SOURCES := $(shell find lambda -name '*.go' -not -name '*_test.go' -not -path 'lambda/template/*' -not -path 'lambda/checktemplate/*') go.mod go.sum

.PHONY: build provider test unit integ cdk-test fuzz lint demo synth validate generate bench

## build: the linux/arm64 bootstrap and its deployment zip, in build/
build: build/bootstrap.zip

build/bootstrap: $(LAMBDA_SOURCES)
	@mkdir -p build
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build $(RELEASE_FLAGS) -o $@ ./lambda

build/bootstrap.zip: build/bootstrap
	rm -f $@ && cd build && zip -q -X bootstrap.zip bootstrap

## provider: build/provider.yaml, the provider for plain CloudFormation and SAM, and the code it deploys
##   (ARCH=arm64, the default, or x86_64; STANDINS=127.0.0.1 also writes build/provider-standins.yaml for sam local invoke)
ARCH ?= arm64
STANDINS ?=
GOARCH_arm64 := arm64
GOARCH_x86_64 := amd64

provider: build/provider/$(ARCH)/bootstrap
	$(GO) run ./cdk/providertemplate -arch $(ARCH) -out build $(if $(STANDINS),-standins $(STANDINS))

build/provider/%/bootstrap: $(LAMBDA_SOURCES)
	@mkdir -p $(@D)
	CGO_ENABLED=0 GOOS=linux GOARCH=$(or $(GOARCH_$*),$(error ARCH=$* is none of arm64, x86_64)) $(GO) build $(RELEASE_FLAGS) -o $@ ./lambda

## test: every test: unit, integration (emulator + stand-ins), CDK, and a short fuzzing run
test: unit integ cdk-test fuzz

unit:
	$(GO) test -count=1 ./lambda/...

# One package at a time: the emulator runs have real deadlines.
integ:
	$(GO) test -count=1 -p 1 ./integ/...

cdk-test:
	$(GO) test -count=1 ./cdk/...

## fuzz: a short run of each fuzz target (FUZZTIME each; their seeds also run in unit)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./lambda/profile
	$(GO) test -run='^$$' -fuzz='^FuzzHandle$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./lambda/handler

CDK := cdk/node_modules/.bin/cdk

$(CDK): cdk/package.json cdk/package-lock.json
	npm ci --prefix cdk --no-audit --no-fund
	@touch $@

## synth: the sample app's template in cdk.out/ (offline)
synth: $(CDK)
	$(CDK) synth --no-notices -q

## validate: check the profiles in CloudFormation templates before deploying (TEMPLATES=...; by default the sample app's, synthesized first)
TEMPLATES ?= cdk.out
validate: $(if $(filter cdk.out,$(TEMPLATES)),synth)
	$(GO) run ./lambda/checktemplate $(TEMPLATES)

## generate: rewrite the generated files (the editor schemas, the construct's config.go) from the SDK and the rules
generate:
	$(GO) test -count=1 -run='UpToDate$$' ./lambda/checktemplate ./cdk/connectorprofile -update

## demo: Create, Update and Delete from events/ against the local stand-ins
demo:
	$(GO) run ./integ/cmd/demo

## bench: cold start, warm Create, memory and size next to the Node.js 20 reference; writes BENCHMARKS.md
bench: build/bootstrap.zip
	npm ci --prefix integ/bench/nodejs --no-audit --no-fund
	$(GO) run ./integ/bench/cmd/bench -bootstrap build/bootstrap -zip build/bootstrap.zip -out BENCHMARKS.md

## lint: formatting, vet, and a tidy go.mod
lint:
	@test -z "$$(gofmt -l lambda cdk integ)" || { gofmt -l lambda cdk integ; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff
