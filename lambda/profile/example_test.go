package profile_test

import (
	"encoding/json"
	"fmt"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// A problem names the full property path and what is allowed.
func ExampleDecode() {
	_, err := profile.Decode(json.RawMessage(`{
		"ConnectorProfileName": "erp",
		"ConnectorType": "SAPOData",
		"ConnectionMode": "Public",
		"ConnectorProfileConfig": {"ConnectorProfileProperties": {"SAPOData": {
			"ApplicationHostUrl": "https://sap.example.com",
			"ApplicationServicePath": "/sap/opu/odata",
			"PortNumber": "70000",
			"ClientNumber": "100"
		}}}
	}`))
	fmt.Println(err)
	// Output: ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.PortNumber: "70000" is out of range 1..65535
}

// Every problem is reported at once, and a credential is never quoted.
func ExampleProblems() {
	_, err := profile.Decode(json.RawMessage(`{
		"connectorProfileName": "crm",
		"connectorType": "Salesforce",
		"connectionMode": "public",
		"conectorLabel": "crm",
		"connectorProfileConfig": {
			"connectorProfileProperties": {"Salesforce": {}},
			"connectorProfileCredentials": {"Salesforce": {"accessToken": "hunter2 hunter2"}}
		}
	}`))
	for _, p := range err.(profile.Problems) {
		fmt.Println(p)
	}
	// Output:
	// conectorLabel: is not a known property; did you mean "connectorLabel"?
	// connectionMode: "public" is not allowed; did you mean "Public"?
	// connectorProfileConfig.connectorProfileCredentials.Salesforce.accessToken: the value is not allowed; use a non-empty value without whitespace
}

func ExampleConnectorKey() {
	for _, t := range []types.ConnectorType{types.ConnectorTypeGoogleanalytics, types.ConnectorTypeSapodata, types.ConnectorTypeS3} {
		fmt.Printf("%s: %q\n", t, profile.ConnectorKey(t))
	}
	// Output:
	// Googleanalytics: "GoogleAnalytics"
	// SAPOData: "SAPOData"
	// S3: ""
}

func ExampleIdentity_Changes() {
	old := profile.PeekIdentity(json.RawMessage(`{"connectorProfileName": "crm", "connectorType": "Salesforce"}`))
	now := profile.PeekIdentity(json.RawMessage(`{"ConnectorProfileName": "crm", "ConnectorType": "Salesforce", "KMSArn": "arn:aws:kms:us-east-1:111122223333:key/k1"}`))
	fmt.Println(now.Changes(old))
	// Output: [kmsArn]
}

func ExampleIsProfileName() {
	fmt.Println(profile.IsProfileName("crm-prod"), profile.IsProfileName("create-failed:0f1e2d3c"))
	// Output: true false
}
