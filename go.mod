module github.com/tideway-go/tideway

go 1.26
