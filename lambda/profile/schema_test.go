package profile

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

func TestIntegerPatternMatchesParseIntInRange(t *testing.T) {
	for _, r := range [][2]int{{1, 65535}, {1, 3600}, {7, 12}, {100, 999}} {
		s := integerSchemas(r[0], r[1])[1].(map[string]any)
		re := regexp.MustCompile(s["pattern"].(string))
		for n := 0; n <= r[1]*2+10; n++ {
			for _, text := range []string{strconv.Itoa(n), "+" + strconv.Itoa(n), "0" + strconv.Itoa(n), fmt.Sprintf("%d.0", n)} {
				i, err := strconv.ParseInt(text, 10, 64)
				want := err == nil && int(i) >= r[0] && int(i) <= r[1]
				if got := re.MatchString(text); got != want {
					t.Fatalf("range %v: pattern matches %q = %t, want %t", r, text, got, want)
				}
			}
		}
	}
}

func TestECMAPatternMeansTheSame(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`^\S+$`, `^[^\t\n\f\r ]+$`},
		{`^[\s\w/!@#+=.-]*$`, `^[\t\n\f\r 0-9A-Za-z_/!@#+=.-]*$`},
		{`^\d{3}$`, `^[0-9]{3}$`},
		{`^[\w]+$`, `^[0-9A-Za-z_]+$`},
		{`a\.b`, `a\.b`},
	} {
		if got := ecmaPattern(tc.in); got != tc.want {
			t.Errorf("ecmaPattern(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestShapeCoversEveryMember: every SDK member the decoder reads has a shape.
func TestShapeCoversEveryMember(t *testing.T) {
	var walk func(path string, s *Shape)
	walk = func(path string, s *Shape) {
		for _, m := range s.Members {
			if m.Shape.Kind == KindObject && m.Shape.Field != "" {
				t.Errorf("%s.%s has no shape", path, m.Name)
			}
			walk(path+"."+m.Name, m.Shape)
		}
	}
	top := PropertiesShape()
	walk("", top)
	if m := top.Member("CONNECTORTYPE"); m == nil || m.Shape.Kind != KindEnum {
		t.Fatalf("connectorType shape = %+v", m)
	}
	creds := top.Member("connectorProfileConfig").Shape.Member("connectorProfileCredentials").Shape
	sf := creds.Member("salesforce").Shape
	if m := sf.Member("ConnectorOAuthRequest"); m == nil || !m.Shape.Secret {
		t.Errorf("Salesforce credentials ConnectorOAuthRequest = %+v, want the oAuthRequest member, secret", m)
	}
}
