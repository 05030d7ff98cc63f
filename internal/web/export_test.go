package web

// The limits the security suite (package web_test) holds the site to, so
// that it follows them when they change.
const (
	LoginFailures     = loginFailures
	CommentsPerWindow = commentsPerWindow
	MaxFormBytes      = maxFormBytes
)
