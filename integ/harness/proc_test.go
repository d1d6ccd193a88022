package harness

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An emulator's function process is its child: here a shell's sleep.
func TestFunctionProcess(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 30 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); cmd.Wait() }()
	e := &Emulator{cmd: cmd}
	var pid int
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if pid, err = e.FunctionPID(); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if comm := strings.TrimSpace(string(readProc(pid, "comm"))); comm != "sleep" {
		t.Errorf("FunctionPID found %d (%s), want the sleep", pid, comm)
	}
	if rss, err := e.PeakRSS(); err != nil || rss <= 0 {
		t.Errorf("PeakRSS = %d, %v", rss, err)
	}
	if _, err := e.CPUTime(); err != nil {
		t.Errorf("CPUTime: %v", err)
	}
}

func TestStatusKB(t *testing.T) {
	status := []byte("Name:\tbootstrap\nVmPeak:\t 1265012 kB\nVmHWM:\t   15872 kB\nVmRSS:\t   15000 kB\n")
	got, err := statusKB(status, "VmHWM")
	if want := int64(15872 * 1024); err != nil || got != want {
		t.Errorf("statusKB = %d, %v; want %d", got, err, want)
	}
}

func TestCPUFromStat(t *testing.T) {
	// /proc/<pid>/stat after "(bootstrap)": state, ppid, ..., utime (14th) 250, stime (15th) 30.
	stat := strings.Fields("S 1 2 3 0 -1 4194560 1000 0 0 0 250 30 0 0 20 0 5 0 100 0 0")
	got, err := cpuFromStat(stat)
	if want := 2800 * time.Millisecond; err != nil || got != want {
		t.Errorf("cpuFromStat = %v, %v; want %v", got, err, want)
	}
	if _, err := cpuFromStat(stat[:5]); err == nil {
		t.Error("cpuFromStat read a short stat")
	}
}
