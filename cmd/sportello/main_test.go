package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs sportello with args, standard input in and the environment env.
func runCmd(t *testing.T, env map[string]string, in string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	if _, ok := env["SPORTELLO_DATA_DIR"]; !ok {
		if env == nil {
			env = map[string]string{}
		}
		env["SPORTELLO_DATA_DIR"] = t.TempDir()
	}
	code = run(t.Context(), args, stdio{In: strings.NewReader(in), Out: &out, Err: &errb}, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestChatPipedConversation(t *testing.T) {
	code, out, errOut := runCmd(t, nil, "how do i get the tessera sanitaria and a family doctor\n1\n", "chat")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, errOut)
	}
	for _, want := range []string{"tessera sanitaria", "Did this help?", "1. Yes, this helped", "I am glad it helped"} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("piped chat output contains terminal escapes")
	}
}

func TestChatKeepsTheConversationAcrossRuns(t *testing.T) {
	env := map[string]string{"SPORTELLO_DATA_DIR": t.TempDir()}
	runCmd(t, env, "who won the football match yesterday\n", "chat")
	// The offer of a person is remembered: "1" in a new run accepts it.
	code, out, _ := runCmd(t, env, "1\n", "chat")
	if code != 0 || !strings.Contains(out, "passed your question to our team") {
		t.Fatalf("second run got %d:\n%s", code, out)
	}
}

func TestSearchCommand(t *testing.T) {
	code, out, errOut := runCmd(t, nil, "", "search", "--lang", "uk", "--json", "медична картка сімейний лікар")
	if code != 0 {
		t.Fatalf("search exited %d: %s", code, errOut)
	}
	var res searchJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json printed invalid JSON: %v\n%s", err, out)
	}
	if len(res.Hits) == 0 || res.Hits[0].Slug != "health-card" || res.Hits[0].Lang != "uk" || !res.Answer {
		t.Fatalf("search result = %+v, want health-card in Ukrainian answered", res)
	}
}

func TestEvalCommand(t *testing.T) {
	code, out, errOut := runCmd(t, nil, "", "eval", "--json", "testdata/cases.jsonl")
	if code != 0 {
		t.Fatalf("eval exited %d: %s", code, errOut)
	}
	var rep struct {
		Overall struct {
			PAt1, RecallAt3 float64
			N               int
		} `json:"overall"`
		ByLang   map[string]json.RawMessage `json:"by_lang"`
		Escalate struct {
			Recall float64
			N      int
		} `json:"escalate"`
		Urgent struct {
			Recall float64
			N      int
		} `json:"urgent"`
		LeftOut []string `json:"left_out"`
		Cases   []struct {
			ID, Decision string
			Top          []string
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	if rep.Overall.N != 2 || len(rep.LeftOut) != 1 || rep.LeftOut[0] != "t-missing" {
		t.Fatalf("eval counted %d answer cases and left out %v; want 2 and [t-missing]", rep.Overall.N, rep.LeftOut)
	}
	if rep.Escalate.N != 1 || rep.Urgent.N != 1 || len(rep.Cases) != 5 {
		t.Fatalf("eval report = %+v", rep)
	}
	byID := map[string]string{}
	for _, c := range rep.Cases {
		byID[c.ID] = c.Decision
	}
	if byID["t-urgent-uk"] != "urgent" || byID["t-football"] != "escalate" || byID["t-health-en"] != "answer" {
		t.Fatalf("decisions = %v", byID)
	}
	code, out, _ = runCmd(t, nil, "", "eval", "testdata/cases.jsonl")
	if code != 0 || !strings.Contains(out, "1 answer cases left out") || !strings.Contains(out, "urgent     recall 1.00  n=1") {
		t.Fatalf("eval text report:\n%s", out)
	}
}

func TestLintCommand(t *testing.T) {
	code, out, errOut := runCmd(t, nil, "", "content", "lint")
	if code != 0 {
		t.Fatalf("lint of the embedded knowledge base exited %d:\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "0 errors") {
		t.Fatalf("lint output:\n%s", out)
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "health-card")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "en.md"), []byte("---\nslug: health-card\nlang: en\ntitle: x\n---\nbody\n"), 0o644)
	code, out, errOut = runCmd(t, nil, "", "content", "lint", dir)
	if code != 1 || !strings.Contains(out, "health-card/en.md") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("lint of a broken file: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestBadCommandLines(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"search", "hello"}, 2, "--lang is required"},
		{[]string{"search", "--lang", "ru", "привет"}, 2, "is not one of"},
		{[]string{"search", "--lang", "en"}, 2, "a query is required"},
		{[]string{"search", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"eval"}, 2, "one evaluation file is required"},
		{[]string{"eval", "no-such-file.jsonl"}, 1, "no-such-file.jsonl"},
		{[]string{"chat", "extra"}, 2, "takes no arguments"},
		{[]string{"content", "lint", "a", "b"}, 2, "at most one directory"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errOut := runCmd(t, nil, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want exit %d and one line with %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}

func TestEvalRejectsBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(path, []byte(`{"id":"a","lang":"en","text":"x","kind":"escalate","expect":[]}`+"\n"+`{"id":"b","lang":"xx","text":"x","kind":"answer"}`+"\n"), 0o644)
	code, _, errOut := runCmd(t, nil, "", "eval", path)
	if code != 1 || !strings.Contains(errOut, "bad.jsonl:2:") {
		t.Fatalf("exit %d, stderr %q; want the file and line of the bad case", code, errOut)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"chat", "--help"}, {"search", "--help"}, {"eval", "--help"}, {"content", "lint", "--help"}} {
		code, out, _ := runCmd(t, nil, "", args...)
		if code != 0 || !strings.Contains(out, "sportello") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
}

func TestConfig(t *testing.T) {
	secretFile := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secretFile, []byte(strings.Repeat("s", 40)+"\n"), 0o600)
	cases := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"defaults", nil, ""},
		{"secret from file", map[string]string{"SPORTELLO_SECRET_FILE": secretFile, "SPORTELLO_REDIS_URL": "redis://localhost:6379/0"}, ""},
		{"redis needs a secret", map[string]string{"SPORTELLO_REDIS_URL": "redis://localhost:6379/0"}, "SPORTELLO_SECRET"},
		{"short secret", map[string]string{"SPORTELLO_SECRET": "short"}, "at least 32"},
		{"secret twice", map[string]string{"SPORTELLO_SECRET": strings.Repeat("s", 40), "SPORTELLO_SECRET_FILE": secretFile}, "both set"},
		{"missing secret file", map[string]string{"SPORTELLO_SECRET_FILE": "/no/such/file"}, "SPORTELLO_SECRET_FILE"},
		{"bad level", map[string]string{"SPORTELLO_LOG_LEVEL": "loud"}, "SPORTELLO_LOG_LEVEL"},
		{"bad format", map[string]string{"SPORTELLO_LOG_FORMAT": "xml"}, "SPORTELLO_LOG_FORMAT"},
		{"threshold out of range", map[string]string{"SPORTELLO_ANSWER_THRESHOLD": "1.5"}, "SPORTELLO_ANSWER_THRESHOLD"},
		{"hours not a number", map[string]string{"SPORTELLO_RESPONSE_HOURS": "soon"}, "SPORTELLO_RESPONSE_HOURS"},
		{"retention zero", map[string]string{"SPORTELLO_RETENTION_DAYS": "0"}, "SPORTELLO_RETENTION_DAYS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(func(k string) string { return tc.env[k] })
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				if c.DataDir != "data" || c.ResponseHours != 24 || c.RetentionDays != 30 || c.LogFormat != "text" {
					t.Fatalf("defaults = %+v", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("loadConfig error = %v, want one mentioning %s", err, tc.wantErr)
			}
		})
	}
}
