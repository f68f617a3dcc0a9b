package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sportello/bot"
)

// notUrgent is added to the score of escalations that are not urgent, so that urgent
// ones (score = created ms) sort first; it is larger than any millisecond time.
const notUrgent = 1e13

func (r *Redis) queueKey(parts ...string) string {
	k := r.prefix + ":{q}"
	for _, p := range parts {
		k += ":" + p
	}
	return k
}

// escalationKeys returns the keys every escalation script takes.
func (r *Redis) escalationKeys(id string) []string {
	return []string{
		r.queueKey("esc", id), r.queueKey("esc", id, "transcript"),
		r.queueKey("status", string(bot.StatusOpen)),
		r.queueKey("status", string(bot.StatusAnswered)),
		r.queueKey("status", string(bot.StatusResolved)),
		r.queueKey("resolved_at"),
	}
}

func encodeTurn(t bot.Turn) (string, error) {
	b, err := json.Marshal(toTurnRecords([]bot.Turn{t})[0])
	return string(b), err
}

// CreateEscalation stores e with a new ID and status open, and sets e's ID, Status,
// CreatedAt and UpdatedAt.
func (r *Redis) CreateEscalation(ctx context.Context, e *bot.Escalation) error {
	if err := checkEscalation(e); err != nil {
		return err
	}
	at := r.now()
	fields := []any{
		"person_key", e.PersonKey, "channel", e.Channel, "address", e.Address, "lang", e.Lang,
		"urgent", boolString(e.Urgent), "reason", e.Reason, "status", string(bot.StatusOpen),
		"question", e.Question, "lease_by", "", "lease_token", "0", "lease_until", "0",
		"created", toMillis(at), "updated", toMillis(at),
	}
	score := toMillis(at)
	if !e.Urgent {
		score += notUrgent
	}
	for range 3 { // a fresh random id collides only by astronomical bad luck
		id := e.ID
		if id == "" {
			var err error
			if id, err = newID(); err != nil {
				return fmt.Errorf("create escalation: %w", err)
			}
		}
		args := append([]any{id, score, len(fields)}, fields...)
		for _, t := range e.Transcript {
			if t.At.IsZero() {
				t.At = at
			}
			s, err := encodeTurn(t)
			if err != nil {
				return fmt.Errorf("create escalation: encode turn: %w", err)
			}
			args = append(args, s)
		}
		keys := r.escalationKeys(id)[:3]
		created, err := createScript.Run(ctx, r.client, keys, args...).Int()
		if err != nil {
			return fmt.Errorf("create escalation: %w", err)
		}
		if created == 1 {
			e.ID, e.Status, e.Lease, e.CreatedAt, e.UpdatedAt = id, bot.StatusOpen, bot.Lease{}, at, at
			return nil
		}
		if e.ID != "" {
			return storedEscalation(ctx, r, e)
		}
	}
	return fmt.Errorf("create escalation: no free id")
}

func boolString(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// GetEscalation returns the escalation with its transcript, or bot.ErrNotFound.
func (r *Redis) GetEscalation(ctx context.Context, id string) (*bot.Escalation, error) {
	es, err := r.fetch(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("get escalation %s: %w", id, err)
	}
	if es[0] == nil {
		return nil, fmt.Errorf("get escalation %s: %w", id, bot.ErrNotFound)
	}
	return es[0], nil
}

// fetch reads escalations and their transcripts in one MULTI (all queue keys share a
// slot), so hashes and transcripts agree; unknown ids give nil.
func (r *Redis) fetch(ctx context.Context, ids []string) ([]*bot.Escalation, error) {
	type reads struct {
		hash *redis.MapStringStringCmd
		list *redis.StringSliceCmd
	}
	cmds := make([]reads, len(ids))
	_, err := r.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			keys := r.escalationKeys(id)
			cmds[i] = reads{p.HGetAll(ctx, keys[0]), p.LRange(ctx, keys[1], 0, -1)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	es := make([]*bot.Escalation, len(ids))
	for i, id := range ids {
		e, err := decodeEscalation(id, cmds[i].hash.Val(), cmds[i].list.Val())
		if err != nil {
			return nil, err
		}
		es[i] = e
	}
	return es, nil
}

func decodeEscalation(id string, h map[string]string, turns []string) (*bot.Escalation, error) {
	if len(h) == 0 {
		return nil, nil
	}
	e := &bot.Escalation{
		ID: id, PersonKey: h["person_key"], Channel: h["channel"], Lang: h["lang"],
		Urgent: h["urgent"] == "1", Reason: h["reason"], Status: bot.Status(h["status"]),
		Question: h["question"], Lease: bot.Lease{By: h["lease_by"]},
	}
	if a := h["address"]; a != "" {
		e.Address = []byte(a)
	}
	var until, created, updated int64
	for _, f := range []struct {
		name string
		to   *int64
	}{{"lease_token", &e.Lease.Token}, {"lease_until", &until}, {"created", &created}, {"updated", &updated}} {
		n, err := strconv.ParseInt(h[f.name], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("decode escalation %s: %s: %w", id, f.name, err)
		}
		*f.to = n
	}
	e.Lease.Until, e.CreatedAt, e.UpdatedAt = fromMillis(until), fromMillis(created), fromMillis(updated)
	for _, s := range turns {
		var rec turnRecord
		if err := json.Unmarshal([]byte(s), &rec); err != nil {
			return nil, fmt.Errorf("decode escalation %s: transcript: %w", id, err)
		}
		e.Transcript = append(e.Transcript, fromTurnRecords([]turnRecord{rec})...)
	}
	return e, nil
}

// ListEscalations returns the escalations f selects, with their transcripts, urgent
// first, then oldest first. It reads the status sets, then the escalations in batches,
// skipping any that changed status or do not match meanwhile.
func (r *Redis) ListEscalations(ctx context.Context, f bot.EscalationFilter) ([]*bot.Escalation, error) {
	statuses := wantStatuses(f)
	maxScore := "+inf"
	if f.Urgent {
		maxScore = "(" + strconv.FormatInt(notUrgent, 10)
	}
	var members []redis.Z
	for _, st := range statuses {
		zs, err := r.client.ZRangeByScoreWithScores(ctx, r.queueKey("status", string(st)),
			&redis.ZRangeBy{Min: "-inf", Max: maxScore}).Result()
		if err != nil {
			return nil, fmt.Errorf("list escalations: %w", err)
		}
		members = append(members, zs...)
	}
	slices.SortFunc(members, func(a, b redis.Z) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(a.Member.(string), b.Member.(string)))
	})
	const batch = 100
	var out []*bot.Escalation
	for start := 0; start < len(members); start += batch {
		ids := make([]string, 0, batch)
		for _, z := range members[start:min(start+batch, len(members))] {
			ids = append(ids, z.Member.(string))
		}
		es, err := r.fetch(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("list escalations: %w", err)
		}
		for _, e := range es {
			if e == nil || !slices.Contains(statuses, e.Status) ||
				(f.Lang != "" && e.Lang != f.Lang) || (f.Urgent && !e.Urgent) {
				continue
			}
			out = append(out, e)
			if f.Limit > 0 && len(out) == f.Limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// run runs an escalation script and turns its refusals into the bot package's errors.
func (r *Redis) run(ctx context.Context, s *redis.Script, op, id string, at time.Time, args ...any) ([]any, error) {
	args = append([]any{id, toMillis(at)}, args...)
	res, err := s.Run(ctx, r.client, r.escalationKeys(id), args...).Slice()
	if err != nil {
		return nil, fmt.Errorf("%s escalation %s: %w", op, id, err)
	}
	code, _ := res[0].(string)
	switch code {
	case "ok":
		return res[1:], nil
	case "not_found":
		err = bot.ErrNotFound
	case "resolved":
		err = bot.ErrResolved
	case "claimed":
		err = bot.ErrAlreadyClaimed
	case "lost":
		err = bot.ErrLeaseLost
	default:
		err = fmt.Errorf("unexpected script answer %q", code)
	}
	return nil, fmt.Errorf("%s escalation %s: %w", op, id, err)
}

// AppendTurn adds t to the transcript (t.At defaults to now). A person's turn on an
// answered escalation puts it back to open.
func (r *Redis) AppendTurn(ctx context.Context, id string, t bot.Turn) error {
	at := r.now()
	if t.At.IsZero() {
		t.At = at
	}
	s, err := encodeTurn(t)
	if err != nil {
		return fmt.Errorf("append turn to escalation %s: encode: %w", id, err)
	}
	_, err = r.run(ctx, appendScript, "append turn to", id, at, s, string(t.Role))
	return err
}

// MarkUrgent flags the escalation urgent; a non-empty reason replaces the old one.
func (r *Redis) MarkUrgent(ctx context.Context, id, reason string) error {
	_, err := r.run(ctx, urgentScript, "mark urgent", id, r.now(), reason)
	return err
}

// Claim gives moderator a lease of ttl: a new token when the escalation is free, the
// same token with a new expiry when moderator already holds it.
func (r *Redis) Claim(ctx context.Context, id, moderator string, ttl time.Duration) (bot.Lease, error) {
	if err := checkTTL("claim", id, ttl); err != nil {
		return bot.Lease{}, err
	}
	if moderator == "" {
		return bot.Lease{}, fmt.Errorf("claim escalation %s: empty moderator: %w", id, errInvalid)
	}
	res, err := r.run(ctx, claimScript, "claim", id, r.now(), moderator, ttl.Milliseconds())
	if err != nil {
		return bot.Lease{}, err
	}
	token, err1 := strconv.ParseInt(fmt.Sprint(res[0]), 10, 64)
	until, err2 := strconv.ParseInt(fmt.Sprint(res[1]), 10, 64)
	if err := cmp.Or(err1, err2); err != nil {
		return bot.Lease{}, fmt.Errorf("claim escalation %s: %w", id, err)
	}
	return bot.Lease{By: moderator, Token: token, Until: fromMillis(until)}, nil
}

// Renew extends l, which must be the live lease, to ttl from now.
func (r *Redis) Renew(ctx context.Context, id string, l bot.Lease, ttl time.Duration) (bot.Lease, error) {
	if err := checkTTL("renew lease on", id, ttl); err != nil {
		return bot.Lease{}, err
	}
	res, err := r.run(ctx, renewScript, "renew lease on", id, r.now(), l.By, l.Token, ttl.Milliseconds())
	if err != nil {
		return bot.Lease{}, err
	}
	until, err := strconv.ParseInt(fmt.Sprint(res[0]), 10, 64)
	if err != nil {
		return bot.Lease{}, fmt.Errorf("renew lease on escalation %s: %w", id, err)
	}
	l.Until = fromMillis(until)
	return l, nil
}

// Release ends l, so another moderator may claim the escalation.
func (r *Redis) Release(ctx context.Context, id string, l bot.Lease) error {
	_, err := r.run(ctx, releaseScript, "release", id, r.now(), l.By, l.Token)
	return err
}

// Answer appends the moderator's reply under l and sets status answered.
func (r *Redis) Answer(ctx context.Context, id string, l bot.Lease, text, ref string) error {
	at := r.now()
	s, err := encodeTurn(bot.Turn{Role: bot.RoleModerator, Text: text, By: l.By, At: at, Ref: ref})
	if err != nil {
		return fmt.Errorf("answer escalation %s: encode: %w", id, err)
	}
	_, err = r.run(ctx, answerScript, "answer", id, at, l.By, l.Token, s)
	return err
}

// Resolve closes the escalation under l. The lease ends now but keeps who resolved it.
func (r *Redis) Resolve(ctx context.Context, id string, l bot.Lease) error {
	_, err := r.run(ctx, resolveScript, "resolve", id, r.now(), l.By, l.Token)
	return err
}

// purgeBatch is how many escalations one call of purgeScript or backfillScript handles
// at most, so that purging a large backlog never blocks Redis for long.
const purgeBatch = 500

// PurgeResolved deletes the escalations resolved before the time before, with their
// transcripts, and returns how many it deleted. It works in batches of purgeBatch, one
// script call each, taking the oldest first from the resolved_at set.
//
// Escalations resolved before the resolved_at set existed are first added to it, scored
// by their hash's updated time, which for a resolved escalation is when it was resolved;
// this runs only while the resolved status set holds more ids than resolved_at.
//
// On an error the count is of the escalations deleted by the batches before it.
func (r *Redis) PurgeResolved(ctx context.Context, before time.Time) (int, error) {
	const op = "purge resolved escalations"
	keys := []string{r.queueKey("status", string(bot.StatusResolved)), r.queueKey("resolved_at")}
	escPrefix := r.queueKey("esc") + ":"
	for start := 0; ; start += purgeBatch {
		seen, err := backfillScript.Run(ctx, r.client, keys, escPrefix, start, purgeBatch).Int()
		if err != nil {
			return 0, fmt.Errorf("%s: backfill resolution times: %w", op, err)
		}
		if seen < purgeBatch {
			break
		}
	}
	total := 0
	for {
		res, err := purgeScript.Run(ctx, r.client, keys, escPrefix, toMillis(before), purgeBatch).Int64Slice()
		if err != nil {
			return total, fmt.Errorf("%s: %w", op, err)
		}
		if len(res) != 2 {
			return total, fmt.Errorf("%s: unexpected script answer of %d values", op, len(res))
		}
		total += int(res[0])
		if res[1] < purgeBatch {
			return total, nil
		}
	}
}
