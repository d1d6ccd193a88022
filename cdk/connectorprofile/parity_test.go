package connectorprofile

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile/internal/gentypes"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// TestConfigMirrorsSDK walks the SDK's connector profile types and ours side
// by side: every SDK member has a counterpart of a matching kind (named as
// gentypes.GoName spells it), nothing extra exists, credential strings are
// secrets, and a client credentials ARN is the secret it names.
func TestConfigMirrorsSDK(t *testing.T) {
	compareStructs(t, reflect.TypeOf(types.ConnectorProfileConfig{}), reflect.TypeOf(ConnectorProfileConfig{}), false)
}

func compareStructs(t *testing.T, sdk, ours reflect.Type, secret bool) {
	t.Helper()
	var sdkNames, ourNames []string
	sdkName := map[string]string{} // our name -> the SDK's
	for i := 0; i < sdk.NumField(); i++ {
		if f := sdk.Field(i); f.IsExported() {
			sdkNames = append(sdkNames, gentypes.GoName(f.Name))
			sdkName[gentypes.GoName(f.Name)] = f.Name
		}
	}
	for i := 0; i < ours.NumField(); i++ {
		ourNames = append(ourNames, ours.Field(i).Name)
	}
	sort.Strings(sdkNames)
	sort.Strings(ourNames)
	if diff := cmp.Diff(sdkNames, ourNames); diff != "" {
		t.Errorf("%s fields differ from types.%s (-sdk +ours):\n%s", ours.Name(), sdk.Name(), diff)
		return
	}
	for _, name := range sdkNames {
		sf, _ := sdk.FieldByName(sdkName[name])
		of, _ := ours.FieldByName(name)
		where := ours.Name() + "." + name
		inSecret := secret || name == "ConnectorProfileCredentials"
		st, ot := sf.Type, of.Type
		switch {
		case st.Kind() == reflect.Pointer && st.Elem().Kind() == reflect.Struct:
			if ot.Kind() != reflect.Pointer || ot.Elem().Kind() != reflect.Struct || ot.Elem().Name() != st.Elem().Name() {
				t.Errorf("%s: got %s, want *%s", where, ot, st.Elem().Name())
				continue
			}
			compareStructs(t, st.Elem(), ot.Elem(), inSecret)
		case st.Kind() == reflect.Pointer && st.Elem().Kind() == reflect.String:
			want := reflect.TypeOf((*string)(nil))
			switch {
			case inSecret && name == "ClientCredentialsArn":
				want = secretType
			case inSecret && profile.HoldsSecret(name):
				want = secretValueType
			}
			if ot != want {
				t.Errorf("%s: got %s, want %s", where, ot, want)
			}
		case st.Kind() == reflect.String: // enum: the SDK type itself
			if ot != st {
				t.Errorf("%s: got %s, want %s", where, ot, st)
			}
		case st.Kind() == reflect.Bool:
			if ot != reflect.TypeOf((*bool)(nil)) {
				t.Errorf("%s: got %s, want *bool", where, ot)
			}
		case st.Kind() == reflect.Pointer && st.Elem().Kind() == reflect.Int32:
			if ot != reflect.TypeOf((*float64)(nil)) {
				t.Errorf("%s: got %s, want *float64", where, ot)
			}
		case st.Kind() == reflect.Slice:
			if ot != reflect.TypeOf((*[]*string)(nil)) {
				t.Errorf("%s: got %s, want *[]*string", where, ot)
			}
		case st.Kind() == reflect.Map:
			want := reflect.TypeOf((*map[string]*string)(nil))
			if inSecret {
				want = reflect.PointerTo(reflect.MapOf(reflect.TypeOf(""), secretValueType))
			}
			if ot != want {
				t.Errorf("%s: got %s, want %s", where, ot, want)
			}
		default:
			t.Errorf("%s: SDK type %s has no mapping rule", where, st)
		}
	}
}

// TestOneOAuthSpelling: no Go name of the configuration spells OAuth as the
// SDK sometimes does (Oauth2).
func TestOneOAuthSpelling(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		if strings.Contains(typ.Name(), "Oauth") {
			t.Errorf("type %s spells Oauth", typ.Name())
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if strings.Contains(f.Name, "Oauth") {
				t.Errorf("%s.%s spells Oauth", typ.Name(), f.Name)
			}
			if f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
				walk(f.Type.Elem())
			}
		}
	}
	walk(reflect.TypeOf(ConnectorProfileConfig{}))
	if len(seen) < 40 {
		t.Errorf("walked only %d types", len(seen))
	}
}

// TestPropsMirrorCreateInput checks that the construct's props cover the
// request members: CreateConnectorProfileInput (the handler makes the
// client token; the KMS key is an awskms.IKey) and ForceDelete from
// DeleteConnectorProfileInput.
func TestPropsMirrorCreateInput(t *testing.T) {
	renamed := map[string]string{"KmsArn": "KmsKey"}
	ours := reflect.TypeOf(ConnectorProfileProps{})
	for _, in := range []reflect.Type{reflect.TypeOf(appflow.CreateConnectorProfileInput{}), reflect.TypeOf(appflow.DeleteConnectorProfileInput{})} {
		for i := 0; i < in.NumField(); i++ {
			name := in.Field(i).Name
			if !in.Field(i).IsExported() || name == "ClientToken" {
				continue
			}
			if r, ok := renamed[name]; ok {
				name = r
			}
			if _, ok := ours.FieldByName(name); !ok {
				t.Errorf("ConnectorProfileProps has no counterpart for %s.%s", in.Name(), in.Field(i).Name)
			}
		}
	}
}

// TestWireNames sends a request with every member set through the SDK's own
// serializer and checks that the json tags of our types name exactly the
// members AppFlow receives.
func TestWireNames(t *testing.T) {
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"connectorProfileArn":"arn:aws:appflow:us-east-1:111122223333:connectorprofile/p"}`)
	}))
	defer srv.Close()
	client := appflow.New(appflow.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
	})
	var config types.ConnectorProfileConfig
	fill(reflect.ValueOf(&config).Elem())
	_, err := client.CreateConnectorProfile(context.Background(), &appflow.CreateConnectorProfileInput{
		ConnectorProfileName:   aws.String("p"),
		ConnectorType:          types.ConnectorTypeSalesforce,
		ConnectionMode:         types.ConnectionModePublic,
		ConnectorProfileConfig: &config,
	})
	if err != nil {
		t.Fatalf("CreateConnectorProfile: %v", err)
	}
	var wire struct {
		ConnectorProfileConfig map[string]interface{} `json:"connectorProfileConfig"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		t.Fatalf("decode request body: %v", err)
	}
	var want []string
	jsonPaths("", wire.ConnectorProfileConfig, &want)
	var got []string
	tagPaths("", reflect.TypeOf(ConnectorProfileConfig{}), &got)
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("member paths differ (-wire +tags):\n%s", diff)
	}
	if len(want) < 120 {
		t.Errorf("only %d wire paths: the fill did not reach every member", len(want))
	}
}

const mapMarker = "__map__"

// fill sets every member of an SDK value, so that the serializer writes it.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int32:
		v.SetInt(1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf(mapMarker), reflect.ValueOf("x"))
	default:
		panic("fill: " + v.Type().String())
	}
}

func jsonPaths(prefix string, m map[string]interface{}, out *[]string) {
	for k, v := range m {
		p := strings.TrimPrefix(prefix+"."+k, ".")
		if sub, ok := v.(map[string]interface{}); ok {
			if _, isMap := sub[mapMarker]; isMap {
				*out = append(*out, p)
				continue
			}
			jsonPaths(p, sub, out)
			if len(sub) == 0 {
				*out = append(*out, p)
			}
			continue
		}
		*out = append(*out, p)
	}
}

func tagPaths(prefix string, t reflect.Type, out *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		p := strings.TrimPrefix(prefix+"."+name, ".")
		ft := f.Type
		if ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
			tagPaths(p, ft.Elem(), out)
			if ft.Elem().NumField() == 0 {
				*out = append(*out, p)
			}
			continue
		}
		*out = append(*out, p)
	}
}
