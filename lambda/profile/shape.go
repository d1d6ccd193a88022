package profile

import (
	"reflect"
	"strings"
	"sync"
)

// Kind is the sort of value a property takes.
type Kind int

const (
	KindObject     Kind = iota // an SDK struct: an object of known members
	KindString                 // a constrained string
	KindInteger                // an integer in a range
	KindBoolean                // true or false
	KindEnum                   // one of the SDK enum's values
	KindStringMap              // an object of string values
	KindStringList             // a list of strings
)

// Shape is what one property accepts, read from the SDK types and the rules
// the decoder applies. It is the source for the editor schema and for checks of
// values that are only known at deploy time.
type Shape struct {
	Kind Kind
	// TypeName is the SDK type of an object; Field the SDK field a leaf is.
	TypeName, Field string
	// Members of an object, in the SDK's field order.
	Members []*Member
	// Enum lists the allowed values of a KindEnum.
	Enum []string
	// Secret marks credentials: their values are never shown.
	Secret bool
	// Constraint limits a string, an integer, a list's items or a map's values.
	Constraint Constraint
	// KeyConstraint limits a map's keys, MaxEntries how many it holds.
	KeyConstraint Constraint
	MaxEntries    int
}

// Member is one named property of an object.
type Member struct {
	// Name is the API's member name; Field the SDK field name, the PascalCase spelling.
	Name, Field string
	// Aliases are other accepted names (ConnectorOAuthRequest).
	Aliases  []string
	Required bool
	Shape    *Shape
}

// Names are the spellings an editor should offer: the API's and CloudFormation's.
func (m *Member) Names() []string {
	names := []string{m.Name}
	if m.Field != m.Name {
		names = append(names, m.Field)
	}
	for _, a := range m.Aliases {
		names = append(names, wireName(a), a)
	}
	return names
}

// Member finds the member a key names, case-insensitively as the decoder does.
func (s *Shape) Member(key string) *Member {
	for _, m := range s.Members {
		if strings.EqualFold(key, m.Field) {
			return m
		}
		for _, a := range m.Aliases {
			if strings.EqualFold(key, a) {
				return m
			}
		}
	}
	return nil
}

var (
	shapeOnce sync.Once
	topShape  *Shape
)

// PropertiesShape is the shape of the resource properties (without ServiceToken
// and ServiceTimeout, which belong to CloudFormation).
func PropertiesShape() *Shape {
	shapeOnce.Do(func() {
		topShape = structShape(inputType, false)
		topShape.Members = append(topShape.Members, &Member{
			Name: "forceDelete", Field: "ForceDelete",
			Shape: &Shape{Kind: KindBoolean, Field: "ForceDelete"},
		}, &Member{
			Name: "credentialsSecret", Field: "CredentialsSecret",
			Shape: &Shape{Kind: KindString, Field: "CredentialsSecret", Constraint: secretIDRule.Constraint},
		})
	})
	return topShape
}

func structShape(t reflect.Type, secret bool) *Shape {
	s := &Shape{Kind: KindObject, TypeName: t.Name(), Secret: secret}
	req := map[string]bool{}
	for _, name := range required[t.Name()] {
		req[name] = true
	}
	fields := fieldsOf(t)
	for i := range t.NumField() {
		f := t.Field(i)
		if _, ok := fields.lookup(f.Name); !ok {
			continue
		}
		m := &Member{Name: wireNameIn(t, f.Name), Field: f.Name, Required: req[f.Name]}
		if f.Name == "OAuthRequest" {
			m.Aliases = []string{"ConnectorOAuthRequest"}
		}
		m.Shape = memberShape(t.Name(), f, secret || f.Name == "ConnectorProfileCredentials")
		s.Members = append(s.Members, m)
	}
	return s
}

// memberShape mirrors decoder.member: the same kinds for the same reflect kinds.
func memberShape(typeName string, f reflect.StructField, secret bool) *Shape {
	r, _ := ruleFor(typeName, f.Name)
	s := &Shape{TypeName: typeName, Field: f.Name, Secret: secret, Constraint: r.Constraint}
	switch t := f.Type; t.Kind() {
	case reflect.Pointer:
		switch t.Elem().Kind() {
		case reflect.Struct:
			return structShape(t.Elem(), secret)
		case reflect.String:
			s.Kind = KindString
		case reflect.Int32:
			s.Kind = KindInteger
		}
	case reflect.String:
		s.Kind, s.Enum = KindEnum, enumValues(t)
		if typeName == inputType.Name() && f.Name == "ConnectorType" {
			s.Enum = typesWithProfiles()
		}
	case reflect.Bool:
		s.Kind = KindBoolean
	case reflect.Map:
		s.Kind = KindStringMap
		s.Constraint, s.KeyConstraint, s.MaxEntries = mapRule.value.Constraint, mapRule.key.Constraint, mapRule.maxEntries
	case reflect.Slice:
		s.Kind = KindStringList
	}
	return s
}
