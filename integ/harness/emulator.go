package harness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Fake static credentials the Lambda signs with when aimed at the stand-in.
const (
	FakeAccessKeyID     = "AKIAINTEGFAKEKEY0001"
	FakeSecretAccessKey = "integ-fake-secret-access-key-0f9e8d7c"
	FakeSessionToken    = "integ-fake-session-token-5b4a3c2d"
)

// EmulatorConfig says how to run one emulator.
type EmulatorConfig struct {
	Artifacts  Artifacts
	AppFlowURL string        // AWS_ENDPOINT_URL_APPFLOW; "" for the real service
	Region     string        // AWS_REGION; default us-east-1
	Timeout    time.Duration // AWS_LAMBDA_FUNCTION_TIMEOUT, whole seconds; default 30s
	// InheritEnv passes this process's environment (real AWS credentials,
	// HOME for ~/.aws); otherwise the Lambda gets only the fake credentials.
	InheritEnv bool
	Env        []string  // extra KEY=value pairs
	Output     io.Writer // also copy emulator and function output here
}

// Emulator is a running aws-lambda-rie with the bootstrap.
type Emulator struct {
	URL     string // invoke endpoint base, http://127.0.0.1:PORT
	Timeout time.Duration

	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
}

// StartEmulator starts the emulator on two free loopback ports (its own
// HTTP API and the runtime API), so several can run at once.
func StartEmulator(ctx context.Context, cfg EmulatorConfig) (*Emulator, error) {
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	secs := int((cfg.Timeout + time.Second - 1) / time.Second)
	var lastErr error
	for try := 0; try < 3; try++ {
		ports, err := freePorts(2)
		if err != nil {
			return nil, err
		}
		e, err := startEmulator(ctx, cfg, secs, ports)
		if err == nil {
			return e, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func startEmulator(ctx context.Context, cfg EmulatorConfig, secs int, ports []int) (*Emulator, error) {
	rieAddr := "127.0.0.1:" + strconv.Itoa(ports[0])
	apiAddr := "127.0.0.1:" + strconv.Itoa(ports[1])
	cmd := exec.Command(cfg.Artifacts.RIE,
		"--runtime-interface-emulator-address", rieAddr,
		"--runtime-api-address", apiAddr,
		cfg.Artifacts.Bootstrap)
	env := []string{"PATH=" + os.Getenv("PATH")}
	if cfg.InheritEnv {
		env = os.Environ()
	} else {
		env = append(env,
			"AWS_ACCESS_KEY_ID="+FakeAccessKeyID,
			"AWS_SECRET_ACCESS_KEY="+FakeSecretAccessKey,
			"AWS_SESSION_TOKEN="+FakeSessionToken,
			"AWS_CONFIG_FILE=/dev/null",
			"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
			"AWS_EC2_METADATA_DISABLED=true",
		)
	}
	env = append(env, "AWS_REGION="+cfg.Region, "AWS_LAMBDA_FUNCTION_TIMEOUT="+strconv.Itoa(secs),
		"AWS_LAMBDA_FUNCTION_NAME=connector-profile-handler", "AWS_LAMBDA_LOG_FORMAT=JSON")
	if cfg.AppFlowURL != "" {
		env = append(env, "AWS_ENDPOINT_URL_APPFLOW="+cfg.AppFlowURL)
	}
	cmd.Env = append(env, cfg.Env...)
	e := &Emulator{URL: "http://" + rieAddr, Timeout: time.Duration(secs) * time.Second, cmd: cmd,
		out: &syncBuffer{tee: cfg.Output}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = e.out, e.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	go func() { cmd.Wait(); close(e.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", rieAddr, 200*time.Millisecond)
		if err == nil {
			conn.Close()
			return e, nil
		}
		select {
		case <-e.done:
			return nil, fmt.Errorf("emulator exited: %s", e.Output())
		case <-ctx.Done():
			e.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			e.Close()
			return nil, fmt.Errorf("emulator did not listen on %s: %s", rieAddr, e.Output())
		}
	}
}

// InvokeResult is what the emulator answered.
type InvokeResult struct {
	Status   int
	Body     []byte
	Duration time.Duration
}

// Invoke sends one event and waits for the function to return (or time out).
func (e *Emulator) Invoke(ctx context.Context, payload []byte) (InvokeResult, error) {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout+15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL+"/2015-03-31/functions/function/invocations", bytes.NewReader(payload))
	if err != nil {
		return InvokeResult{}, err
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return InvokeResult{}, fmt.Errorf("invoke: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return InvokeResult{Status: resp.StatusCode, Body: body, Duration: time.Since(start)}, err
}

// Output is everything the emulator and the function wrote so far.
func (e *Emulator) Output() string { return e.out.String() }

// Close stops the emulator. SIGTERM lets it shut the function down (the
// function runs in a process group of its own); SIGKILL follows if needed.
func (e *Emulator) Close() error {
	if e.cmd.Process == nil {
		return nil
	}
	e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.done:
		return nil
	case <-time.After(3 * time.Second):
	}
	syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-e.done:
	case <-time.After(5 * time.Second):
	}
	return nil
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	tee io.Writer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tee != nil {
		b.tee.Write(p)
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// FunctionLines returns the lines of out the function wrote, dropping the
// emulator's own (START/END/REPORT and "(rapid)" lines).
func FunctionLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.TrimSpace(l) == "",
			strings.HasPrefix(l, "START RequestId:"), strings.HasPrefix(l, "END RequestId:"), strings.HasPrefix(l, "REPORT RequestId:"),
			strings.Contains(l, "] (rapid) "):
			continue
		}
		lines = append(lines, l)
	}
	return lines
}
