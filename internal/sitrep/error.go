package sitrep

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status and one exit code in one place
// (ErrorStatus), so handlers and commands never guess.
const (
	ECONFLICT    = "conflict"
	EINTERNAL    = "internal"
	EINVALID     = "invalid"
	ENOTFOUND    = "not_found"
	ETOOLARGE    = "too_large"
	EUNSUPPORTED = "unsupported"
	EUNAVAILABLE = "unavailable"

	EUNAUTHORIZED = "unauthorized" // not logged in, or wrong name or password
	EFORBIDDEN    = "forbidden"    // lacks the role, or the form its CSRF token
	ERATELIMIT    = "rate_limited" // too many attempts; try again later
)

// Error is an application error whose Message is safe to show to users. The
// wrapped Err carries detail for logs.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	switch {
	case e.Message != "" && e.Err != nil:
		return e.Message + ": " + e.Err.Error()
	case e.Message != "":
		return e.Message
	case e.Err != nil:
		return e.Err.Error()
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the Message of the first
// *Error in the chain, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "internal error"
}

// ErrorStatus maps an error code to an HTTP status.
func ErrorStatus(code string) int {
	switch code {
	case "":
		return 200
	case EINVALID:
		return 400
	case EUNAUTHORIZED:
		return 401
	case EFORBIDDEN:
		return 403
	case ENOTFOUND:
		return 404
	case ECONFLICT:
		return 409
	case ETOOLARGE:
		return 413
	case EUNSUPPORTED:
		return 415
	case ERATELIMIT:
		return 429
	case EUNAVAILABLE:
		return 503
	}
	return 500
}
