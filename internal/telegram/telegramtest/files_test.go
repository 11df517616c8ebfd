package telegramtest_test

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"net/http"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// download fetches a URL and returns the body, failing on non-200.
func download(tb testing.TB, url string) []byte {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		tb.Fatalf("GET %s: %d %s", url, resp.StatusCode, data)
	}
	return data
}

func TestInjectedFilesDownload(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	photo := srv.UserSends(alice, telegramtest.Photo("bukti transfer"))
	doc := srv.UserSends(alice, telegramtest.DocumentMsg("laporan.pdf", "application/pdf", []byte("%PDF-1.7 ..."), ""))
	if len(photo.Photo) != 3 || photo.Photo[0].Width >= photo.Photo[2].Width {
		t.Fatalf("got photo sizes %+v, want three increasing sizes", photo.Photo)
	}
	tests := []struct {
		name   string
		fileID string
		check  func(t *testing.T, data []byte)
	}{
		{"largest photo size", photo.Photo[2].FileID, func(t *testing.T, data []byte) {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds() != image.Rect(0, 0, 800, 600) {
				t.Errorf("got image %v %v, want an 800×600 PNG", err, img)
			}
		}},
		{"document", doc.Document.FileID, func(t *testing.T, data []byte) {
			if string(data) != "%PDF-1.7 ..." {
				t.Errorf("got %q, want the document bytes", data)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := b.GetFile(ctxT(t), &bot.GetFileParams{FileID: tt.fileID})
			if err != nil {
				t.Fatal(err)
			}
			if f.FileID != tt.fileID || f.FileUniqueID == "" || f.FilePath == "" || f.FileSize == 0 {
				t.Errorf("got file %+v, want ids, size and path", f)
			}
			tt.check(t, download(t, b.FileDownloadLink(f)))
		})
	}
	if _, err := b.GetFile(ctxT(t), &bot.GetFileParams{FileID: "nonsense"}); err == nil {
		t.Error("got nil error for an unknown file_id, want 400")
	}
}

func TestSendPhotoUpload(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	srv.AddUser(alice)
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1000, 500)))
	m, err := b.SendPhoto(ctxT(t), &bot.SendPhotoParams{
		ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "chart.png", Data: bytes.NewReader(buf.Bytes())}, Caption: "Chart",
	})
	if err != nil {
		t.Fatal(err)
	}
	var dims [][2]int
	for _, p := range m.Photo {
		dims = append(dims, [2]int{p.Width, p.Height})
	}
	want := [][2]int{{90, 45}, {320, 160}, {800, 400}, {1000, 500}}
	if len(dims) != len(want) || dims[3] != want[3] || dims[0] != want[0] {
		t.Errorf("got sizes %v, want %v", dims, want)
	}
	ups := srv.Uploaded()
	if len(ups) != 1 || ups[0].FileName != "chart.png" || !bytes.Equal(ups[0].Data, buf.Bytes()) {
		t.Errorf("got uploads %+v, want chart.png", ups)
	}
	// Reusing the file id sends the same photo without an upload.
	again, err := b.SendPhoto(ctxT(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: m.Photo[3].FileID}})
	if err != nil || len(again.Photo) != 4 || again.Photo[3].FileID != m.Photo[3].FileID {
		t.Errorf("got %+v %v, want the same photo sizes", again, err)
	}
	if _, err := b.SendPhoto(ctxT(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "x.png", Data: bytes.NewReader([]byte("not an image"))}}); err == nil {
		t.Error("got nil error for a broken image, want IMAGE_PROCESS_FAILED")
	}
}

// TestCallerChosenFileID: media sent with a file id the server does not
// know yet is stored under that id, with its real size.
func TestCallerChosenFileID(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	m := telegramtest.DocumentMsg("catatan.txt", "text/plain", []byte("12345"), "")
	m.Document.FileID = "BQAmine"
	srv.UserSends(alice, m)
	f, err := b.GetFile(ctxT(t), &bot.GetFileParams{FileID: "BQAmine"})
	if err != nil {
		t.Fatal(err)
	}
	if f.FileSize != 5 {
		t.Errorf("got size %d, want 5", f.FileSize)
	}
}
