//go:build race

package build

// raceEnabled is true under the race detector, which makes a full build
// twenty times slower and has nothing to find in this single-goroutine code.
const raceEnabled = true
