//go:build !unix

package search

// lockFile is a no-op where flock is unavailable; Bleve's own bolt_timeout still turns
// a second opener into an ErrInUse error.
func lockFile(string) (unlock func() error, err error) {
	return func() error { return nil }, nil
}
