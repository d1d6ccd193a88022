// Package reliability holds the tests that hold the custom resource to its
// promises under stress: a fault matrix (AppFlow throttling, errors, resets,
// slowness, hangs and garbage; ResponseURL outages; duplicate deliveries;
// short deadlines), a load test against the profile quota, and a leak hunt
// that sends canary credentials everywhere and looks for them in every log
// line, response and file the run writes.
//
// Each test runs the real bootstrap under the Runtime Interface Emulator
// (package harness) against the local stand-ins. The fault matrix and the
// other scenarios are summarised in RELIABILITY.md at the module root:
//
//	go test ./integ/reliability                  # run everything
//	go test ./integ/reliability -update          # and rewrite RELIABILITY.md
//	LOAD_EVENTS=200 go test ./integ/reliability -run TestLoad
package reliability
