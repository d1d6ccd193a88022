package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The function process, as /proc shows it: the emulator's child (the
// bootstrap, or whatever the bootstrap exec'd).

// FunctionPID finds the function process the emulator runs.
func (e *Emulator) FunctionPID() (int, error) {
	rie := e.cmd.Process.Pid
	dirs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err == nil && parentPID(pid) == rie {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no function process under emulator %d", rie)
}

// PeakRSS is the function process's VmHWM (peak resident set size) in bytes.
func (e *Emulator) PeakRSS() (int64, error) {
	pid, err := e.FunctionPID()
	if err != nil {
		return 0, err
	}
	return statusKB(readProc(pid, "status"), "VmHWM")
}

// CPUTime is the CPU time the function process has used, in user and
// system mode, over all its threads.
func (e *Emulator) CPUTime() (time.Duration, error) {
	pid, err := e.FunctionPID()
	if err != nil {
		return 0, err
	}
	return cpuFromStat(statFields(pid))
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

// cpuFromStat reads the utime and stime fields (14 and 15) of /proc/<pid>/stat.
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
