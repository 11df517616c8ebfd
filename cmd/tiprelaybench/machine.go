package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The machine is shared: builds and tests of other work may run during a
// benchmark and take CPU from the processes measured. A load sample at
// each end of a scenario tells how much CPU time went to processes other
// than this command and its children, so that a reader can judge the
// figures.

// userHZ is the unit of /proc/stat (USER_HZ), 100 on Linux.
const userHZ = 100

// loadSample is the machine's and this process tree's CPU time at one moment.
type loadSample struct {
	at   time.Time
	busy time.Duration // all CPUs, not idle
	own  time.Duration // this process and its waited-for children
}

// sampleLoad reads the current CPU times; a zero busy time means /proc/stat
// could not be read.
func sampleLoad() loadSample {
	s := loadSample{at: time.Now()}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(data), "\n")
		f := strings.Fields(line)
		// cpu user nice system idle iowait irq softirq steal ...
		for i, v := range f {
			if i == 0 || i == 4 || i == 5 || i > 8 {
				continue
			}
			n, _ := strconv.ParseInt(v, 10, 64)
			s.busy += time.Duration(n) * time.Second / userHZ
		}
	}
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			s.own += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return s
}

// otherLoad is the CPU time other processes used between two samples.
type otherLoad struct {
	Elapsed time.Duration `json:"elapsed_ns"`
	CPUs    int           `json:"cpus"`
	// Other is the CPU time of processes outside this command's tree.
	Other time.Duration `json:"other_cpu_ns"`
}

// since returns the load of other processes from start until now.
func (start loadSample) since() otherLoad {
	end := sampleLoad()
	l := otherLoad{Elapsed: end.at.Sub(start.at), CPUs: runtime.NumCPU()}
	if start.busy > 0 && end.busy > 0 {
		l.Other = max(0, (end.busy-start.busy)-(end.own-start.own))
	}
	return l
}

// share is Other as a fraction of all the CPU time available.
func (l otherLoad) share() float64 {
	if l.Elapsed <= 0 || l.CPUs == 0 {
		return 0
	}
	return l.Other.Seconds() / (l.Elapsed.Seconds() * float64(l.CPUs))
}

func (l otherLoad) String() string {
	return fmt.Sprintf("other processes used %.1f CPU-s of the %.1f available (%.0f%%)",
		l.Other.Seconds(), l.Elapsed.Seconds()*float64(l.CPUs), 100*l.share())
}
