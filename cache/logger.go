package cache

// Logger receives warnings (a corrupted record, a failing persistent store).
// *slog.Logger implements it.
type Logger interface {
	Warn(msg string, args ...any)
}
