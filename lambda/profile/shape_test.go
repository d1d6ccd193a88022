package profile

import "testing"

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
