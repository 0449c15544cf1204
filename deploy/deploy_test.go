package deploy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"rongcuo/ops"
)

// metricNames returns the names the ops registry exposes, with the series
// names a histogram adds.
func metricNames(t *testing.T) map[string]bool {
	t.Helper()
	reg := ops.NewRegistry()
	m := ops.NewMetrics(reg)
	// Vectors show up once they have a child.
	m.Answered("telegram", "assessment", "", "offline", false, time.Second)
	m.Telegram("sendMessage", "ok")
	m.RedisError("get")
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range fams {
		n := f.GetName()
		names[n] = true
		for _, s := range []string{"_bucket", "_count", "_sum"} {
			names[n+s] = true
		}
	}
	// The http vectors have no child yet; they are registered all the same.
	names["rongcuo_http_requests_total"] = true
	for _, s := range []string{"", "_bucket", "_count", "_sum"} {
		names["rongcuo_http_request_duration_seconds"+s] = true
	}
	return names
}

var metricRef = regexp.MustCompile(`\brongcuo_[a-z_]+`)

func checkExpr(t *testing.T, where, expr string, known map[string]bool) {
	t.Helper()
	refs := metricRef.FindAllString(expr, -1)
	if len(refs) == 0 && !strings.Contains(expr, "up{") {
		t.Errorf("%s: %q names no rongcuo metric", where, expr)
	}
	for _, r := range refs {
		if !known[r] {
			t.Errorf("%s: %q names %s, which rongcuo does not export", where, expr, r)
		}
	}
	if strings.Count(expr, "(") != strings.Count(expr, ")") {
		t.Errorf("%s: unbalanced parentheses in %q", where, expr)
	}
}

func TestAlertRules(t *testing.T) {
	var file struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				For         string            `yaml:"for"`
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	readYAML(t, "prometheus/alerts.yml", &file, true)
	known := metricNames(t)
	n := 0
	seen := map[string]bool{}
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			n++
			if r.Alert == "" || seen[r.Alert] {
				t.Errorf("rule %d: missing or repeated alert name %q", n, r.Alert)
			}
			seen[r.Alert] = true
			checkExpr(t, r.Alert, r.Expr, known)
			if r.For != "" {
				if _, err := time.ParseDuration(r.For); err != nil {
					t.Errorf("%s: for %q: %v", r.Alert, r.For, err)
				}
			}
			if s := r.Labels["severity"]; s != "page" && s != "warning" {
				t.Errorf("%s: severity %q, want page or warning", r.Alert, s)
			}
			if r.Annotations["summary"] == "" {
				t.Errorf("%s: no summary", r.Alert)
			}
		}
	}
	if n < 8 {
		t.Errorf("%d rules", n)
	}
	// Prometheus's own check parses every expression, where it is installed.
	if _, err := exec.LookPath("promtool"); err == nil {
		if out, err := exec.Command("promtool", "check", "rules", "prometheus/alerts.yml").CombinedOutput(); err != nil {
			t.Errorf("promtool check rules: %v\n%s", err, out)
		} else {
			t.Logf("promtool: %s", strings.Join(strings.Fields(string(out)), " "))
		}
	} else {
		t.Log("promtool not run (not installed here); the expressions were checked for metric names and parentheses only")
	}
	// The failures the issue names are each watched.
	for _, m := range []string{"rongcuo_redis_errors_total", "rongcuo_usage_dropped_total", "rongcuo_updates_dropped_total",
		"rongcuo_telegram_requests_total", "rongcuo_model_fallbacks_total", "rongcuo_queue_depth", "rongcuo_kb_version"} {
		found := false
		for _, g := range file.Groups {
			for _, r := range g.Rules {
				found = found || strings.Contains(r.Expr, m)
			}
		}
		if !found {
			t.Errorf("no alert on %s", m)
		}
	}
}

func TestDashboard(t *testing.T) {
	b, err := os.ReadFile("grafana/rongcuo-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title  string `json:"title"`
		UID    string `json:"uid"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.Title == "" || d.UID == "" || len(d.Panels) < 8 {
		t.Fatalf("dashboard %q uid %q with %d panels", d.Title, d.UID, len(d.Panels))
	}
	known := metricNames(t)
	used := map[string]bool{}
	for _, p := range d.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			checkExpr(t, p.Title, q.Expr, known)
			for _, r := range metricRef.FindAllString(q.Expr, -1) {
				used[strings.TrimSuffix(r, "_bucket")] = true
			}
		}
	}
	for name := range known {
		if strings.HasPrefix(name, "rongcuo_") && !strings.HasSuffix(name, "_bucket") && !strings.HasSuffix(name, "_count") &&
			!strings.HasSuffix(name, "_sum") && !used[name] {
			t.Errorf("metric %s is on no panel", name)
		}
	}
}

func TestComposeFile(t *testing.T) {
	var c struct {
		Name     string `yaml:"name"`
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       map[string]string `yaml:"build"`
			Command     []string          `yaml:"command"`
			EnvFile     string            `yaml:"env_file"`
			Environment map[string]string `yaml:"environment"`
			Ports       []string          `yaml:"ports"`
			DependsOn   map[string]any    `yaml:"depends_on"`
			ReadOnly    bool              `yaml:"read_only"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	readYAML(t, "compose.yaml", &c, false)
	for _, want := range []string{"redis", "bot", "console"} {
		if _, ok := c.Services[want]; !ok {
			t.Fatalf("no %s service", want)
		}
	}
	for _, name := range []string{"bot", "console"} {
		s := c.Services[name]
		if s.Build["dockerfile"] != "deploy/Dockerfile" || s.Build["context"] != ".." {
			t.Errorf("%s builds %v", name, s.Build)
		}
		if _, err := os.Stat(filepath.Join(s.Build["context"], s.Build["dockerfile"])); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if s.EnvFile != "rongcuo.env" || !s.ReadOnly || s.DependsOn["redis"] == nil {
			t.Errorf("%s: env_file %q read_only %v depends_on %v", name, s.EnvFile, s.ReadOnly, s.DependsOn)
		}
		if !strings.HasPrefix(s.Environment["REDIS_URL"], "redis://redis:6379") {
			t.Errorf("%s: REDIS_URL %q", name, s.Environment["REDIS_URL"])
		}
		for _, p := range s.Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("%s publishes %s beyond loopback", name, p)
			}
		}
	}
	if cmd := c.Services["bot"].Command; len(cmd) == 0 || cmd[0] != "serve" {
		t.Errorf("bot runs %v", cmd)
	}
	if cmd := c.Services["console"].Command; len(cmd) == 0 || cmd[0] != "web" {
		t.Errorf("console runs %v", cmd)
	}
	if _, err := os.Stat("rongcuo.env.example"); err != nil {
		t.Error(err)
	}
	// Every setting the example environment names is one rongcuo reads.
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	env, _ := os.ReadFile("rongcuo.env.example")
	for _, line := range strings.Split(string(env), "\n") {
		name, _, ok := strings.Cut(strings.TrimLeft(line, "# "), "=")
		if ok && name != "" && !strings.Contains(name, " ") && !bytes.Contains(readme, []byte("`"+name+"`")) {
			t.Errorf("rongcuo.env.example sets %s, which the README's settings do not name", name)
		}
	}
	// docker compose checks the file too when it is there.
	if out, err := exec.Command("docker", "compose", "version").CombinedOutput(); err == nil {
		if out, err := exec.Command("docker", "compose", "-f", "compose.yaml", "--env-file", "/dev/null", "config", "--quiet").CombinedOutput(); err != nil {
			t.Errorf("docker compose config: %v\n%s", err, out)
		}
	} else {
		t.Logf("docker compose not run (not installed here: %s); the file was checked as YAML only", firstLine(out))
	}
}

func TestSystemdUnit(t *testing.T) {
	f, err := os.Open("systemd/rongcuo.service")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sections := map[string]map[string][]string{}
	cur := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = strings.Trim(line, "[]")
			sections[cur] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || cur == "" {
				t.Fatalf("line %d: %q is not KEY=VALUE in a section", n, line)
			}
			sections[cur][k] = append(sections[cur][k], v)
		}
	}
	for _, s := range []string{"Unit", "Service", "Install"} {
		if sections[s] == nil {
			t.Errorf("no [%s]", s)
		}
	}
	svc := sections["Service"]
	if got := svc["ExecStart"]; len(got) != 1 || !strings.HasSuffix(got[0], "/rongcuo serve") {
		t.Errorf("ExecStart %v", got)
	}
	if !slices.Contains(svc["DynamicUser"], "yes") || !slices.Contains(svc["NoNewPrivileges"], "yes") {
		t.Error("the service must run as a dynamic unprivileged user")
	}
	if slices.Contains(svc["Environment"], "TELEGRAM_BOT_TOKEN") {
		t.Error("a secret in the unit file")
	}
	// systemd's own check, with the binary replaced by one that exists.
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Log("systemd-analyze not run (not installed here); the unit was checked as sections only")
		return
	}
	b, _ := os.ReadFile("systemd/rongcuo.service")
	unit := filepath.Join(t.TempDir(), "rongcuo.service")
	os.WriteFile(unit, bytes.ReplaceAll(b, []byte("/usr/local/bin/rongcuo"), []byte("/bin/true")), 0o644)
	out, err := exec.Command("systemd-analyze", "verify", "--man=no", unit).CombinedOutput()
	// Without a running systemd (a container) verify still reads the file;
	// only the lines about the unit itself count.
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "rongcuo.service") && !strings.Contains(line, "EnvironmentFile") {
			t.Errorf("systemd-analyze verify: %s", line)
		}
	}
	t.Logf("systemd-analyze verify: exit %v, %d lines of output", err, strings.Count(string(out), "\n"))
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var froms, users []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "FROM":
			froms = append(froms, f[1])
		case "USER":
			users = append(users, f[1])
		}
	}
	if len(froms) < 2 {
		t.Errorf("%d stages; want a build stage and a run stage", len(froms))
	}
	if !strings.Contains(string(b), "CGO_ENABLED=0") {
		t.Error("the binary is not built static (CGO_ENABLED=0)")
	}
	if len(users) == 0 || strings.HasPrefix(users[len(users)-1], "0") || strings.HasPrefix(users[len(users)-1], "root") {
		t.Errorf("the image runs as %v; want a non-root user", users)
	}
	// The image is built and run only where a container engine answers;
	// elsewhere the test passes on the checks above and says so (a skip
	// would leave CI with a skipped test on every machine without one).
	if out, err := exec.Command("docker", "info", "--format", "{{.ServerVersion}}").CombinedOutput(); err != nil {
		t.Logf("image not built: no container engine answers here (docker info: %s); the Dockerfile was checked as text only", firstLine(out))
		return
	}
	build := exec.Command("docker", "build", "-f", "deploy/Dockerfile", "-t", "rongcuo:test", ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	out, err := exec.Command("docker", "run", "--rm", "rongcuo:test", "ask", "什么是三个区分开来？").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "三个区分开来") {
		t.Errorf("the image does not answer: %v\n%s", err, out)
	}
	if out, _ := exec.Command("docker", "run", "--rm", "--entrypoint", "", "rongcuo:test", "id", "-u").CombinedOutput(); strings.TrimSpace(string(out)) == "0" {
		t.Error("the image runs as root")
	}
}

// readYAML decodes a YAML file; strict refuses fields v does not have.
func readYAML(t *testing.T, path string, v any, strict bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(strict)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}
