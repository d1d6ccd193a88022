package bench

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// functionPID finds the function process: the child of the emulator that
// listens on e.URL (the bootstrap, or node after the bootstrap script's exec).
func functionPID(e *harness.Emulator) (int, error) {
	u, err := url.Parse(e.URL)
	if err != nil {
		return 0, err
	}
	rie, err := findProc(func(pid int) bool {
		args := bytes.Split(readProc(pid, "cmdline"), []byte{0})
		for i := 0; i+1 < len(args); i++ {
			if string(args[i]) == "--runtime-interface-emulator-address" && string(args[i+1]) == u.Host {
				return true
			}
		}
		return false
	})
	if err != nil {
		return 0, fmt.Errorf("emulator on %s: %w", u.Host, err)
	}
	child, err := findProc(func(pid int) bool { return parentPID(pid) == rie })
	if err != nil {
		return 0, fmt.Errorf("function process of emulator %d: %w", rie, err)
	}
	return child, nil
}

func findProc(match func(pid int) bool) (int, error) {
	dirs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err == nil && match(pid) {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no such process")
}

func readProc(pid int, name string) []byte {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, name))
	return b
}

// statFields are the fields of /proc/<pid>/stat after the command in
// parentheses: state is the first (the stat(5) field 3).
func statFields(pid int) []string {
	stat := string(readProc(pid, "stat"))
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(stat[i+1:])
}

// parentPID reads the fourth field of /proc/<pid>/stat.
func parentPID(pid int) int {
	f := statFields(pid)
	if len(f) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// clockTicks is USER_HZ, the unit of /proc CPU times: 100 on Linux.
const clockTicks = 100

// cpuTime is the CPU time the process has used, in user and system mode,
// over all its threads: the utime and stime fields (14 and 15) of /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, error) {
	return cpuFromStat(statFields(pid))
}

func cpuFromStat(f []string) (time.Duration, error) {
	if len(f) < 13 {
		return 0, fmt.Errorf("no CPU times in /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("CPU times in /proc stat: %q %q", f[11], f[12])
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// peakRSS is the process's VmHWM (peak resident set size) in bytes.
func peakRSS(pid int) (int64, error) {
	return statusKB(readProc(pid, "status"), "VmHWM")
}

func statusKB(status []byte, field string) (int64, error) {
	for _, line := range strings.Split(string(status), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k != field {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", field, err)
		}
		return n * 1024, nil
	}
	return 0, fmt.Errorf("no %s in /proc status", field)
}
