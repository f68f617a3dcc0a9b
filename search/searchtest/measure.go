package searchtest

import (
	"bufio"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Latencies collects the duration of each operation of a benchmark, for percentiles
// that b.N's average hides.
type Latencies []time.Duration

// Time runs op and records how long it took.
func (l *Latencies) Time(op func()) {
	start := time.Now()
	op()
	*l = append(*l, time.Since(start))
}

// Percentile returns the duration below which a fraction p (0 to 1) of the operations
// fell, or 0 when none were recorded. It sorts l.
func (l Latencies) Percentile(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	slices.Sort(l)
	return l[min(len(l)-1, int(p*float64(len(l))))]
}

// Report reports the median and the 99th percentile, in milliseconds, as p50-ms and p99-ms.
func (l Latencies) Report(b *testing.B) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(l.Percentile(0.50)), "p50-ms")
	b.ReportMetric(ms(l.Percentile(0.99)), "p99-ms")
}

// ProcStatus returns the memory lines of /proc/self/status in MB: VmRSS (resident now),
// VmHWM (the most ever resident), RssAnon (heap and other private memory) and RssFile
// (mapped files: the index segments). It is empty where there is no /proc.
func ProcStatus() map[string]float64 {
	out := map[string]float64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || !slices.Contains([]string{"VmRSS", "VmHWM", "RssAnon", "RssFile"}, key) {
			continue
		}
		if kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB")); err == nil {
			out[key] = float64(kb) / 1024
		}
	}
	return out
}

// ReportMemory reports the lines of ProcStatus as VmRSS-MB, VmHWM-MB, RssAnon-MB and
// RssFile-MB.
func ReportMemory(b *testing.B) {
	st := ProcStatus()
	for _, key := range []string{"VmRSS", "VmHWM", "RssAnon", "RssFile"} {
		if v, ok := st[key]; ok {
			b.ReportMetric(v, key+"-MB")
		}
	}
}

// ResetPeak starts a new phase of a benchmark, so that VmHWM then reports the peak of
// that phase (answering) apart from an earlier one (building the index). It returns to
// the system the memory the process has freed, as the runtime's background scavenger
// does within minutes in a server, then makes VmHWM start again from what is resident.
// It reports whether the kernel allowed the reset.
func ResetPeak() bool {
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}
