// Go's text/template as another runtime for the render benchmark (bench/render.mjs runs it).
// It reads a job file naming, for each email, its Go template (bench/templates/<name>.gotmpl:
// the markup as written, `| html` on what prints), the contacts and where to write the
// outputs; renders every contact once to check, warms up, then times rounds of rendering
// all contacts into one reused buffer, and prints the timings as JSON. Standard library only.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"text/template"
	"time"
)

type job struct {
	Rounds    int       `json:"rounds"`
	WarmupMs  int       `json:"warmupMs"`
	BudgetMs  int       `json:"budgetMs"`
	Templates []jobItem `json:"templates"`
}

type jobItem struct {
	Name     string `json:"name"`
	Template string `json:"template"`
	Contacts string `json:"contacts"`
	Out      string `json:"out"`
}

type result struct {
	Name     string    `json:"name"`
	RoundsNs []float64 `json:"roundsNs"` // per render, one entry per round
	Bytes    int       `json:"bytes"`    // output bytes over all contacts
	Contacts int       `json:"contacts"`
}

// root is the contact being rendered: hasTag reads its tags (SendX's hasTag reads the root data).
var root map[string]any

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int:
		return x != 0
	case float64:
		return x != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

func groupThousands(s string) string {
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

var funcs = template.FuncMap{
	"hasTag": func(name string) bool {
		tags, _ := root["tags"].([]any)
		for _, t := range tags {
			if t == name {
				return true
			}
		}
		return false
	},
	"fallback": func(v, d any) any {
		if truthy(v) {
			return v
		}
		return d
	},
	// formatNumber: en-US grouping, up to 3 decimals (as Intl.NumberFormat("en-US")).
	"formatNumber": func(v any) string {
		switch x := v.(type) {
		case int:
			return groupThousands(strconv.Itoa(x))
		case float64:
			s := strconv.FormatFloat(x, 'f', 3, 64)
			whole, frac := s, ""
			if i := bytes.IndexByte([]byte(s), '.'); i >= 0 {
				whole, frac = s[:i], s[i+1:]
			}
			for len(frac) > 0 && frac[len(frac)-1] == '0' {
				frac = frac[:len(frac)-1]
			}
			if frac != "" {
				return groupThousands(whole) + "." + frac
			}
			return groupThousands(whole)
		}
		return ""
	},
	"add1": func(i int) int { return i + 1 },
}

// normalize turns integral JSON numbers into ints, as Go code reading typed data would have them
// (text/template's gt and ne do not compare a float64 with an int constant).
func normalize(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) <= 1<<53 { // the same bound as test/go/render.go
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
	}
	return v
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gobench job.json")
		os.Exit(2)
	}
	var j job
	raw, err := os.ReadFile(os.Args[1])
	must(err)
	must(json.Unmarshal(raw, &j))
	var results []result
	for _, item := range j.Templates {
		src, err := os.ReadFile(item.Template)
		must(err)
		tmpl, err := template.New(item.Name).Funcs(funcs).Parse(string(src))
		must(err)
		var contacts []map[string]any
		raw, err := os.ReadFile(item.Contacts)
		must(err)
		must(json.Unmarshal(raw, &contacts))
		for _, c := range contacts {
			normalize(c)
		}
		var buf bytes.Buffer
		render := func(c map[string]any) {
			buf.Reset()
			root = c
			if err := tmpl.Execute(&buf, c); err != nil {
				must(fmt.Errorf("%s: %v", item.Name, err))
			}
		}
		// The outputs, for the harness to check against microtarget's.
		outputs := make([]string, len(contacts))
		total := 0
		for i, c := range contacts {
			render(c)
			outputs[i] = buf.String()
			total += buf.Len()
		}
		out, err := json.Marshal(outputs)
		must(err)
		must(os.WriteFile(item.Out, out, 0o644))
		// Warm up, then rounds of all contacts (stopping early past the time budget).
		for start := time.Now(); time.Since(start) < time.Duration(j.WarmupMs)*time.Millisecond; {
			for _, c := range contacts {
				render(c)
			}
		}
		r := result{Name: item.Name, Bytes: total, Contacts: len(contacts)}
		begin := time.Now()
		for round := 0; round < j.Rounds; round++ {
			start := time.Now()
			for _, c := range contacts {
				render(c)
			}
			r.RoundsNs = append(r.RoundsNs, float64(time.Since(start).Nanoseconds())/float64(len(contacts)))
			if round >= 4 && time.Since(begin) > time.Duration(j.BudgetMs)*time.Millisecond {
				break
			}
		}
		results = append(results, r)
	}
	out, err := json.Marshal(results)
	must(err)
	fmt.Println(string(out))
}
