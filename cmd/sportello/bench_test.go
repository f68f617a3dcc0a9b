package main

import (
	"slices"
	"testing"
	"time"

	"sportello/bot"
	"sportello/bot/telegram/telegramtest"
)

// BenchmarkTelegramThroughput measures messages a second from an update served by
// getUpdates to the reply's sendMessage at the fake Bot API: long polling, inbox,
// engine (search included), outbox, sender. Each message is a question from a new
// person, in six languages. Telegram's rate limits are lifted for the measurement:
// in production the sender keeps to 25 messages a second overall.
func BenchmarkTelegramThroughput(b *testing.B) {
	questions := []struct{ lang, text string }{
		{"en", "how do i get the health card"},
		{"fr", "comment demander l'asile en Italie"},
		{"fa", "چطور کارت صحی بگیرم"},
		{"ps", "زه څنګه پناه غوښتنه وکړم"},
		{"ar", "كيف أجدد تصريح الإقامة"},
		{"uk", "як отримати тимчасовий захист в Італії"},
	}
	for _, storeName := range []string{"sqlite", "redis"} {
		b.Run(storeName, func(b *testing.B) {
			tg := benchServe(b, storeName)
			pushed := make(map[int64]time.Time, b.N)
			base := time.Now().UnixNano() % 1e9 * 1000 // fresh chats for every b.N
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				q := questions[i%len(questions)]
				chat := base + int64(i)
				pushed[chat] = time.Now()
				tg.PushUpdate(telegramtest.Text(chat, q.lang, q.text))
			}
			first := map[int64]time.Time{}
			deadline := time.Now().Add(5 * time.Minute)
			for len(first) < b.N {
				for _, m := range tg.Sent() {
					if _, ok := pushed[m.ChatID]; ok {
						if _, seen := first[m.ChatID]; !seen {
							first[m.ChatID] = m.Time
						}
					}
				}
				if time.Now().After(deadline) {
					b.Fatalf("%d of %d messages answered", len(first), b.N)
				}
				time.Sleep(2 * time.Millisecond)
			}
			elapsed := time.Since(start)
			b.StopTimer()
			lat := make([]time.Duration, 0, b.N)
			for chat, at := range first {
				lat = append(lat, at.Sub(pushed[chat]))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkTelegramLatency measures the time from an update served by getUpdates to
// its reply's sendMessage when Sportello is idle: one message at a time. The sender's
// pacing is lifted, as back-to-back messages would otherwise measure the 25-a-second
// limit (40 ms) rather than Sportello.
func BenchmarkTelegramLatency(b *testing.B) {
	for _, storeName := range []string{"sqlite", "redis"} {
		b.Run(storeName, func(b *testing.B) {
			tg := benchServe(b, storeName)
			base := time.Now().UnixNano() % 1e9 * 1000
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				chat := base + int64(i)
				n := len(tg.Sent())
				at := time.Now()
				tg.PushUpdate(telegramtest.Text(chat, "en", "how do i get the health card"))
				m := tg.WaitSent(b, n+1, time.Minute)[n]
				if m.ChatID != chat {
					b.Fatalf("reply to chat %d, want %d", m.ChatID, chat)
				}
				lat = append(lat, m.Time.Sub(at))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// benchServe starts serve on the named store ("sqlite" or "redis") with the sender's
// pacing lifted, and returns the fake Bot API it talks to.
func benchServe(b *testing.B, storeName string) *telegramtest.Server {
	tg := telegramtest.New(b, testToken)
	env := serveEnv(b, tg)
	if storeName == "redis" {
		env = redisEnv(b, env)
	}
	startServe(b, env, func(s *server) { s.sender.Limits = bot.Limits{} })
	return tg
}
