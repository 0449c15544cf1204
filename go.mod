module rongcuo

go 1.26
