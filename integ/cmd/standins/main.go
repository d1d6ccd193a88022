// Command standins runs the local AppFlow, CloudFormation and Secrets
// Manager stand-ins on loopback until interrupted, printing a redacted line
// for every AppFlow and Secrets Manager call and every response a custom
// resource PUTs. The sample events in events/ send their responses to
// 127.0.0.1:8123, the default -cfn address. Secrets for CredentialsSecret
// are made with the AWS CLI or SDK aimed at the Secrets Manager stand-in.
//
//	go run ./integ/cmd/standins
//	# run the Lambda against them:
//	AWS_ENDPOINT_URL_APPFLOW=http://127.0.0.1:8124 AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:8123 AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:8125 ...
//	# put a secret there:
//	AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:8125 aws secretsmanager create-secret --name appflow/datadog --secret-string '{"apiKey": "...", "applicationKey": "..."}'
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/secretsfake"
)

func main() {
	appflowAddr := flag.String("appflow", "127.0.0.1:8124", "listen address of the AppFlow stand-in")
	cfnAddr := flag.String("cfn", "127.0.0.1:8123", "listen address of the ResponseURL stand-in")
	secretsAddr := flag.String("secrets", "127.0.0.1:8125", "listen address of the Secrets Manager stand-in")
	region := flag.String("region", "us-east-1", "region the AppFlow and Secrets Manager stand-ins serve")
	account := flag.String("account", "123456789012", "account id in ARNs")
	quota := flag.Int("quota", 100, "connector profile quota")
	strict := flag.Bool("strict", true, "reject members that are not in the AppFlow model")
	flag.Parse()

	af, err := appflowfake.Listen(*appflowAddr, appflowfake.Options{Region: *region, Account: *account, Quota: *quota, Strict: *strict})
	if err != nil {
		fmt.Fprintln(os.Stderr, "standins:", err)
		os.Exit(1)
	}
	defer af.Close()
	cfn, err := cfnfake.Listen(*cfnAddr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "standins:", err)
		os.Exit(1)
	}
	defer cfn.Close()
	sm, err := secretsfake.Listen(*secretsAddr, secretsfake.Options{Region: *region, Account: *account})
	if err != nil {
		fmt.Fprintln(os.Stderr, "standins:", err)
		os.Exit(1)
	}
	defer sm.Close()
	fmt.Printf("AppFlow stand-in:        %s   (AWS_ENDPOINT_URL_APPFLOW=%s AWS_REGION=%s)\n", af.URL, af.URL, *region)
	fmt.Printf("CloudFormation stand-in: %s   (AWS_ENDPOINT_URL_CLOUDFORMATION=%s; and every ResponseURL)\n", cfn.URL, cfn.URL)
	fmt.Printf("Secrets Manager stand-in: %s  (AWS_ENDPOINT_URL_SECRETS_MANAGER=%s)\n", sm.URL, sm.URL)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	calls, secretCalls, puts := 0, 0, 0
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		for _, c := range af.Calls()[calls:] {
			fmt.Printf("%s AppFlow        %s\n", c.Time.Format("15:04:05.000"), c)
			calls++
		}
		for _, c := range sm.Calls()[secretCalls:] {
			fmt.Printf("%s SecretsManager %s\n", c.Time.Format("15:04:05.000"), c)
			secretCalls++
		}
		for _, p := range cfn.Puts()[puts:] {
			r := p.Response
			fmt.Printf("%s CloudFormation %s %d %s PhysicalResourceId=%s RequestId=%s", p.Time.Format("15:04:05.000"),
				p.Method, p.Status, r.Status, r.PhysicalResourceID, r.RequestID)
			if r.Reason != "" {
				fmt.Printf(" Reason=%q", r.Reason)
			}
			if len(p.Problems) > 0 {
				fmt.Printf(" problems=%q", p.Problems)
			}
			fmt.Println()
			puts++
		}
	}
}
