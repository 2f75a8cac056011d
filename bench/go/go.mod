module microtarget/bench/go

go 1.19
