// Command render executes Go text/template cases for microtarget's
// differential semantics test (test/semantics.test.ts).
//
// It reads from stdin a JSON array of
//
//	{ "name": string, "template": string, "data": any, "partials": { name: source } }
//
// and writes to stdout a JSON array of { "name", "output"?, "error"? } in the
// same order. Only the standard library is used, so `go run test/go/render.go`
// works without a go.mod.
//
// Data is decoded by encoding/json into `any` and then every float64 with no
// fractional part (within ±2^53) becomes an int: this mirrors microtarget's
// rule that a number with no fractional part is accepted wherever Go accepts
// an int or a float, so that differences that remain are the deliberate ones.
//
// Output that is not valid UTF-8 (Go's slice of a string cuts bytes) is
// written by encoding/json with U+FFFD in place of each invalid byte.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"text/template"
	"unicode"
)

type testCase struct {
	Name     string            `json:"name"`
	Template string            `json:"template"`
	Data     any               `json:"data"`
	Partials map[string]string `json:"partials"`
}

type result struct {
	Name   string  `json:"name"`
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

// maxSafeInteger is 2^53, the largest magnitude below which every integer is
// exactly representable as a float64 (JavaScript's Number.MAX_SAFE_INTEGER+1).
const maxSafeInteger = 1 << 53

// normalize converts integral float64 values to int, recursively.
func normalize(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) <= maxSafeInteger {
			return int(x)
		}
		return x
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = normalize(x[k])
		}
		return x
	default:
		return v
	}
}

// funcs returns the SendX and email helper functions; hasTag reads root.
func funcs(root any) template.FuncMap {
	return template.FuncMap{
		"fallback": func(v, d any) any {
			if truth, _ := template.IsTrue(v); truth {
				return v
			}
			return d
		},
		"hasTag": func(name string) bool {
			m, ok := root.(map[string]any)
			if !ok {
				return false
			}
			tags, ok := m["tags"].([]any)
			if !ok {
				return false
			}
			for _, t := range tags {
				if s, ok := t.(string); ok && s == name {
					return true
				}
			}
			return false
		},
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
		"trim":  strings.TrimSpace,
		"title": func(s string) string {
			var b strings.Builder
			atWordStart := true
			for _, r := range s {
				if unicode.IsSpace(r) {
					atWordStart = true
					b.WriteRune(r)
					continue
				}
				if atWordStart {
					r = unicode.ToUpper(r)
				}
				atWordStart = false
				b.WriteRune(r)
			}
			return b.String()
		},
		"join": func(sep string, list []any) string {
			parts := make([]string, len(list))
			for i, e := range list {
				parts[i] = fmt.Sprint(e)
			}
			return strings.Join(parts, sep)
		},
	}
}

// run parses and executes one case; a panic becomes an error.
func run(c testCase) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	data := normalize(c.Data)
	t, err := template.New("main").Funcs(funcs(data)).Parse(c.Template)
	if err != nil {
		return "", err
	}
	// Partials are parsed after the main template, in name order, so that a
	// partial named like a block in the main template overrides it.
	names := make([]string, 0, len(c.Partials))
	for name := range c.Partials {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := t.New(name).Parse(c.Partials[name]); err != nil {
			return "", err
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "main", data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "render: reading stdin:", err)
		os.Exit(2)
	}
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		fmt.Fprintln(os.Stderr, "render: decoding cases:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		out, err := run(c)
		results[i].Name = c.Name
		if err != nil {
			msg := err.Error()
			results[i].Error = &msg
		} else {
			results[i].Output = &out
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "render: encoding results:", err)
		os.Exit(2)
	}
}
