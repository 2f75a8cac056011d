// Command escape prints Go html/template's contextual escaping of values, for
// microtarget's differential escaping test (test/escaping.test.ts).
//
// It reads from stdin a JSON array of
//
//	{ "context": string, "template": string, "value": string }
//
// where template is an html/template source that prints the value with {{.}}
// once (`<a href="https://x.com/?q={{.}}">`), and writes to stdout a JSON
// array, in the same order, of { "context", "output"?, "error"? }: the
// template executed with the value as its data. context is only echoed.
// Only the standard library is used: `go run test/go/escape.go` works without
// a go.mod. (encoding/json reads a lone UTF-16 surrogate as U+FFFD.)
package main

import (
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"strings"
)

type input struct {
	Context  string `json:"context"`
	Template string `json:"template"`
	Value    string `json:"value"`
}

type result struct {
	Context string  `json:"context"`
	Output  *string `json:"output,omitempty"`
	Error   string  `json:"error,omitempty"`
}

func main() {
	var cases []input
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "reading cases:", err)
		os.Exit(2)
	}
	parsed := map[string]*template.Template{}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i].Context = c.Context
		t, ok := parsed[c.Template]
		if !ok {
			var err error
			t, err = template.New(c.Context).Parse(c.Template)
			if err != nil {
				results[i].Error = err.Error()
				continue
			}
			parsed[c.Template] = t
		}
		var b strings.Builder
		if err := t.Execute(&b, c.Value); err != nil {
			results[i].Error = err.Error()
			continue
		}
		out := b.String()
		results[i].Output = &out
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "writing results:", err)
		os.Exit(2)
	}
}
