//go:build ignore

// Command gen draws the phone screenshots under internal/ocr/testdata that
// the OCR tests read: two group-chat screenshots in one layout with
// different messages (chat.png, chat-other.png), the first also in dark
// mode (chat-dark.png), re-encoded as JPEG at quality 70 (chat-q70.jpg) and
// resized to 75% (chat-75.png); a social-media post (post.png); a photo
// without text (photo.png).
// The drawing is deterministic, so running it again rewrites the same
// files. From the repository root:
//
//	go run ./internal/ocr/testdata/gen/main.go
//
// The drawing is internal/phonescreen's, which the sandbox's demo
// screenshots share.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/tiprelay/tiprelay/internal/phonescreen"
)

func main() {
	out := flag.String("out", "internal/ocr/testdata", "directory to write the fixtures to")
	flag.Parse()
	d, err := phonescreen.New()
	if err != nil {
		log.Fatal(err)
	}
	chat := d.Chat(phonescreen.TPS17(phonescreen.Light()))
	var small image.Image = phonescreen.Resize(chat, 0.75)
	files := []struct {
		name string
		img  image.Image
		jpeg bool
	}{
		{"chat.png", chat, false},
		{"chat-q70.jpg", chat, true},
		{"chat-75.png", small, false},
		{"chat-other.png", d.Chat(other(phonescreen.Light())), false},
		{"chat-dark.png", d.Chat(phonescreen.TPS17(phonescreen.Dark())), false},
		{"post.png", d.Post(post), false},
		{"photo.png", phonescreen.Photo(), false},
	}
	for _, file := range files {
		var buf bytes.Buffer
		if file.jpeg {
			err = jpeg.Encode(&buf, file.img, &jpeg.Options{Quality: 70})
		} else {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, file.img)
		}
		if err != nil {
			log.Fatalf("encode %s: %v", file.name, err)
		}
		path := filepath.Join(*out, file.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %dx%d %d bytes\n", path, file.img.Bounds().Dx(), file.img.Bounds().Dy(), buf.Len())
	}
}

// other is the TPS 17 chat's group holding other messages in theme th.
func other(th phonescreen.Theme) phonescreen.Chat {
	c := phonescreen.TPS17(th)
	c.Messages = chatB
	return c
}

var chatB = []phonescreen.Message{
	{Sender: "Komang", Text: "KABAR BURUK: Jembatan Tukad Ayung putus", Clock: "10:31"},
	{Sender: "Komang", Text: "Jalan menuju pasar tidak bisa dilewati kendaraan sejak tadi malam. Hati-hati kalau lewat sana.", Clock: "10:31"},
	{Text: "Ada fotonya? Biar kami kirim ke petugas di lapangan.", Clock: "10:35"},
	{Sender: "Putu", Text: "Nanti saya fotokan waktu pulang kerja sore ini.", Clock: "10:38"},
	{Text: "Terima kasih, kami tunggu kabarnya.", Clock: "10:40"},
}

// post is a page's post calling a hoax about Gianyar a hoax.
var post = phonescreen.Post{
	Author: "Info Gianyar Terkini", Age: "3 jam · Publik",
	Text: "Beredar pesan berantai bahwa jembatan di Gianyar putus dan semua jalan ke Ubud ditutup. " +
		"Pesan itu tidak benar, jalan masih bisa dilewati seperti biasa.",
	Tags: "#hoaks #Gianyar #CekFakta",
}
