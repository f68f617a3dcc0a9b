package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mdp/qrterminal/v3"
	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types/events"
)

// LinkResult says how linking ended.
type LinkResult string

// Results of Link.
const (
	LinkLinked    LinkResult = "linked"    // the device is linked and stored
	LinkTimeout   LinkResult = "timeout"   // no code was used in time
	LinkFailed    LinkResult = "failed"    // WhatsApp or the phone refused, or something broke
	LinkOutdated  LinkResult = "outdated"  // WhatsApp refuses this whatsmeow version
	LinkCancelled LinkResult = "cancelled" // ctx was cancelled
)

// DeviceName is the name the phone shows for Sportello under Linked devices.
const DeviceName = "Sportello"

// pairDisplay is the client shown while pairing with a code; WhatsApp accepts only
// common "Browser (OS)" pairs.
const pairDisplay = "Chrome (Linux)"

// afterPair bounds the wait, after pairing, for the first real connection, in which
// WhatsApp completes the link.
const afterPair = 30 * time.Second

var devicePropsOnce sync.Once

// setDeviceProps names the device "Sportello" for the phone. whatsmeow keeps these
// in package variables, sent when pairing and connecting.
func setDeviceProps() {
	devicePropsOnce.Do(func() { store.SetOSInfo(DeviceName, [3]uint32{1, 0, 0}) })
}

// Link pairs a new device with the phone of the number Sportello will use, and
// stores it in c. With phone empty it prints QR codes in the terminal (out), a new
// one each time the previous expires, to be scanned in WhatsApp → Linked devices →
// Link a device. With phone set (international, "+39..."), it prints an 8-character
// code to enter in WhatsApp → Linked devices → Link a device → Link with phone
// number instead. It returns once the phone linked the device, or WhatsApp stopped
// offering codes (about 160 seconds), or ctx is done; for any result but LinkLinked
// the error says why, plainly.
//
// It refuses to run when c already holds a linked device.
func Link(ctx context.Context, c *sqlstore.Container, phone string, out io.Writer, log *slog.Logger) (LinkResult, error) {
	if phone != "" {
		p, err := NormalizePhone(phone)
		if err != nil {
			return LinkFailed, err
		}
		phone = p
	}
	dev, linked, err := FirstDevice(ctx, c)
	if err != nil {
		return LinkFailed, err
	}
	if linked {
		return LinkFailed, errors.New("whatsapp: already linked; unlink it from the phone first or delete DataDir/whatsapp.db")
	}
	setDeviceProps()
	client := whatsmeow.NewClient(dev, Logger(log, "link"))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items, err := client.GetQRChannel(ctx)
	if err != nil {
		return LinkFailed, fmt.Errorf("whatsapp: %w", hide(err))
	}
	connected := make(chan struct{}, 1)
	client.AddEventHandler(func(evt any) {
		if _, ok := evt.(*events.Connected); ok {
			select {
			case connected <- struct{}{}:
			default:
			}
		}
	})
	if err := client.Connect(); err != nil {
		return LinkFailed, fmt.Errorf("whatsapp: connect: %w", hide(err))
	}
	defer client.Disconnect()

	var pair func(context.Context) (string, error)
	if phone != "" {
		pair = func(ctx context.Context) (string, error) {
			return client.PairPhone(ctx, phone, true, whatsmeow.PairClientChrome, pairDisplay)
		}
	}
	res, err := follow(ctx, items, out, pair)
	if res != LinkLinked {
		return res, err
	}
	// WhatsApp restarts the connection after pairing; let the first real one finish
	// so the phone sees the device online. The device is stored either way.
	select {
	case <-connected:
	case <-time.After(afterPair):
	case <-ctx.Done():
	}
	fmt.Fprintf(out, "Linked. The phone lists the device as %q.\n", DeviceName)
	return LinkLinked, nil
}

var phoneRE = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

// NormalizePhone checks that phone is an international number in E.164 form: "+",
// then 8 to 15 digits, the first not 0. Spaces, dashes, dots and parentheses are
// removed first.
func NormalizePhone(phone string) (string, error) {
	p := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -.()\u00a0", r) {
			return -1
		}
		return r
	}, phone)
	if !phoneRE.MatchString(p) {
		return "", errors.New(`whatsapp: the phone number must be international: "+", the country code and the number, 8 to 15 digits in all (e.g. +393331234567)`)
	}
	return p, nil
}

// follow prints what the phone needs and waits for pairing to end. Without pair it
// prints each QR code; with pair it asks for a pairing code once the connection is
// ready (the first QR code) and prints it.
func follow(ctx context.Context, items <-chan whatsmeow.QRChannelItem, out io.Writer, pair func(context.Context) (string, error)) (LinkResult, error) {
	paired := false
	for {
		var it whatsmeow.QRChannelItem
		var ok bool
		select {
		case <-ctx.Done():
			return LinkCancelled, errors.New("whatsapp: linking cancelled")
		case it, ok = <-items:
		}
		if !ok {
			return LinkTimeout, errors.New("whatsapp: no code was used in time; run link again")
		}
		switch it.Event {
		case whatsmeow.QRChannelEventCode:
			if pair == nil {
				printQR(out, it)
				continue
			}
			if paired {
				continue // the code printed stays valid
			}
			paired = true
			code, err := pair(ctx)
			if err != nil {
				return LinkFailed, pairError(err)
			}
			fmt.Fprintf(out, "\nPairing code: %s\n\nOn the phone: WhatsApp → Settings → Linked devices → Link a device →\n"+
				"Link with phone number instead, then enter the code. Waiting...\n", code)
		case whatsmeow.QRChannelSuccess.Event:
			return LinkLinked, nil
		case whatsmeow.QRChannelTimeout.Event:
			return LinkTimeout, errors.New("whatsapp: no code was used in time; run link again")
		case whatsmeow.QRChannelClientOutdated.Event:
			return LinkOutdated, errors.New("whatsapp: WhatsApp refuses this client version; update whatsmeow (see README) and link again")
		case whatsmeow.QRChannelScannedWithoutMultidevice.Event:
			fmt.Fprintln(out, "The phone's WhatsApp is too old to link devices: update it and scan again.")
		case whatsmeow.QRChannelErrUnexpectedEvent.Event:
			return LinkFailed, errors.New("whatsapp: unexpected answer from WhatsApp while linking; try again")
		case whatsmeow.QRChannelEventPasskeyRequest, whatsmeow.QRChannelEventPasskeyResponse:
			return LinkFailed, errors.New("whatsapp: the phone asked for a passkey, which Sportello cannot provide; link again with the other method (QR code or pairing code)")
		case whatsmeow.QRChannelEventError:
			return LinkFailed, fmt.Errorf("whatsapp: linking failed: %w", hide(it.Error))
		default:
			return LinkFailed, fmt.Errorf("whatsapp: linking ended unexpectedly (%s)", it.Event)
		}
	}
}

// printQR prints one QR code in half blocks, with how long it is valid.
func printQR(out io.Writer, it whatsmeow.QRChannelItem) {
	fmt.Fprintln(out, "\nScan this code on the phone: WhatsApp → Settings → Linked devices → Link a device.")
	qrterminal.GenerateHalfBlock(it.Code, qrterminal.L, out)
	fmt.Fprintf(out, "Valid for %d seconds; a new code follows.\n", int(it.Timeout.Seconds()))
}

// pairError explains why WhatsApp refused a pairing code.
func pairError(err error) error {
	switch {
	case errors.Is(err, whatsmeow.ErrPhoneNumberIsNotInternational):
		return errors.New("whatsapp: the number is not international: start with + and the country code")
	case errors.Is(err, whatsmeow.ErrPhoneNumberTooShort):
		return errors.New("whatsapp: the phone number is too short")
	case errors.Is(err, whatsmeow.ErrIQRateOverLimit):
		return errors.New("whatsapp: too many linking attempts (rate over limit); wait a while and try again")
	case errors.Is(err, whatsmeow.ErrIQBadRequest):
		return errors.New("whatsapp: WhatsApp refused the pairing request; check the number")
	}
	return fmt.Errorf("whatsapp: could not get a pairing code: %w", hide(err))
}
