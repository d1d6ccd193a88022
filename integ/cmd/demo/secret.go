package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// secretDemo shows a profile whose credentials a secret holds: it stores the
// credentials of base (a Create) in the Secrets Manager stand-in, creates a
// profile that names the secret as its CredentialsSecret, puts a new value in
// the secret and sends the input an EventBridge rule sends when the secret
// changes, then deletes the profile. It prints what each step did and no
// credential.
type secretDemo struct {
	st      *harness.Stack
	sm      *secretsmanager.Client
	step    func(title string)
	report  func() // prints what AppFlow received since the last report
	secrets int    // the Secrets Manager calls printed so far
}

func newSecretDemo(st *harness.Stack, step func(string), report func()) *secretDemo {
	return &secretDemo{st: st, step: step, report: report, sm: secretsmanager.New(secretsmanager.Options{
		Region:       st.SecretsManager.Region(),
		BaseEndpoint: aws.String(st.SecretsManager.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(harness.FakeAccessKeyID, harness.FakeSecretAccessKey, ""),
	})}
}

func (s *secretDemo) run(ctx context.Context, base harness.Event) error {
	ev := base.Fresh()
	name := ev.ProfileName() + "-from-secret"
	ev.ResourceProperties["connectorProfileName"] = name
	key, creds := takeCredentials(ev)
	if creds == nil {
		return fmt.Errorf("%s holds no credentials to put in a secret", name)
	}

	s.step("CreateSecret appflow/" + name + " holding the " + key + " credentials (" + memberNames(creds) + "), as a user would")
	value, _ := json.Marshal(creds)
	created, err := s.sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("appflow/" + name), SecretString: aws.String(string(value))})
	if err != nil {
		return fmt.Errorf("create the secret: %w", err)
	}
	arn := aws.ToString(created.ARN)
	fmt.Printf("   ARN: %s\n", arn)
	s.reportSecrets()

	ev.ResourceProperties["credentialsSecret"] = arn
	s.step("Create " + name + " with credentialsSecret and no credentials inline")
	d := s.st.Send(ctx, ev)
	printResponse(os.Stdout, d)
	s.reportSecrets()
	s.report()
	if d.Response().Status != "SUCCESS" {
		return fmt.Errorf("the Create from the secret: %s", d.Response().Status)
	}
	before, _ := s.st.AppFlow.Get(name)
	defer s.remove(ctx, ev, name)

	s.step("PutSecretValue: new credentials in the secret, as a rotation or a user would put them")
	for k, v := range creds {
		if text, ok := v.(string); ok {
			creds[k] = text + "-rotated"
		}
	}
	value, _ = json.Marshal(creds)
	if _, err := s.sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(arn), SecretString: aws.String(string(value))}); err != nil {
		return fmt.Errorf("put the new value: %w", err)
	}
	s.reportSecrets()

	s.step(`Rotation: the EventBridge rule's input {"CredentialsSecretChanged": {"ConnectorProfileName": "` + name + `", "CredentialsSecret": "<the ARN>"}}`)
	r := s.st.Rotate(ctx, name, arn)
	switch {
	case r.InvokeErr != nil:
		return fmt.Errorf("the rotation invoke: %w", r.InvokeErr)
	case r.FunctionError():
		fmt.Printf("   the function returned an error, so Lambda would retry: %s\n", r.Invoke.Body)
		return fmt.Errorf("the rotation failed")
	}
	fmt.Printf("   the function returned no error (invoke took %v)\n", r.Invoke.Duration.Round(time.Millisecond))
	s.reportSecrets()
	s.report()
	after, _ := s.st.AppFlow.Get(name)
	changed := "unchanged"
	if string(after.Properties) != string(before.Properties) || after.ConnectionMode != before.ConnectionMode {
		changed = "CHANGED"
	}
	fmt.Printf("   AppFlow's profile: updated at %s (created %s); connectionMode and properties %s\n",
		after.UpdatedAt.Format("15:04:05.000"), after.CreatedAt.Format("15:04:05.000"), changed)
	if changed != "unchanged" || !after.UpdatedAt.After(before.UpdatedAt) {
		return fmt.Errorf("the rotation did not update the credentials alone")
	}
	return nil
}

// remove deletes the profile as the stack's Delete would.
func (s *secretDemo) remove(ctx context.Context, create harness.Event, name string) {
	s.step("Delete " + name)
	del := create.Fresh()
	del.RequestType, del.PhysicalResourceID = "Delete", name
	printResponse(os.Stdout, s.st.Send(ctx, del))
	s.report()
}

// reportSecrets prints what Secrets Manager received since the last report.
func (s *secretDemo) reportSecrets() {
	calls := s.st.SecretsManager.Calls()
	fmt.Println("   Secrets Manager received:")
	if len(calls) == s.secrets {
		fmt.Println("     nothing")
	}
	for _, c := range calls[s.secrets:] {
		fmt.Printf("     %s\n", c)
	}
	s.secrets = len(calls)
}

// takeCredentials removes connectorProfileCredentials.<Key> from ev's
// properties and returns the key and the credentials.
func takeCredentials(ev harness.Event) (string, map[string]any) {
	config, _ := ev.ResourceProperties["connectorProfileConfig"].(map[string]any)
	all, _ := config["connectorProfileCredentials"].(map[string]any)
	for key, v := range all {
		if creds, ok := v.(map[string]any); ok {
			delete(config, "connectorProfileCredentials")
			return key, creds
		}
	}
	return "", nil
}

func memberNames(m map[string]any) string { return strings.Join(slices.Sorted(maps.Keys(m)), ", ") }
