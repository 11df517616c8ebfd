package linknorm

import (
	"strings"
	"testing"
)

// sameKey groups are links to one post: every link of a group must get the
// group's key, and no two groups may share a key (two different posts,
// videos or pages never collide).
var sameKey = []struct {
	name  string
	want  string
	links []string
}{
	{"youtube video", "youtube:dQw4w9WgXcQ", []string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
		"http://m.youtube.com/watch?feature=youtu.be&v=dQw4w9WgXcQ&si=AbCdEf123",
		"https://youtu.be/dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ?si=Xy7_kLmN0pQrStUv",
		"youtu.be/dQw4w9WgXcQ",
		"HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ&t=42s",
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabc&index=3&pp=ygUE",
		"https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1",
		"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
		"https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
		"https://www.youtube.com/watch/?v=dQw4w9WgXcQ#t=10",
		"https://www.google.com/url?sa=t&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ",
	}},
	{"youtube other video differing in case only", "youtube:DQw4w9WgXcQ", []string{
		"https://www.youtube.com/watch?v=DQw4w9WgXcQ",
	}},
	{"youtube short", "youtube:aqz-KE-bpKQ", []string{
		"https://www.youtube.com/shorts/aqz-KE-bpKQ",
		"https://youtube.com/shorts/aqz-KE-bpKQ?feature=share",
		"https://m.youtube.com/shorts/aqz-KE-bpKQ/?si=abc",
		"https://youtu.be/aqz-KE-bpKQ",
	}},
	{"youtube live", "youtube:jfKfPfyJRdk", []string{
		"https://www.youtube.com/live/jfKfPfyJRdk?si=q1w2e3",
		"https://www.youtube.com/watch?v=jfKfPfyJRdk",
	}},
	{"x post", "x:1790000000000000000", []string{
		"https://x.com/jokowi/status/1790000000000000000",
		"https://twitter.com/jokowi/status/1790000000000000000?s=20&t=AbCdEfGh",
		"https://mobile.twitter.com/Jokowi/status/1790000000000000000",
		"https://www.twitter.com/jokowi/statuses/1790000000000000000/",
		"https://fxtwitter.com/jokowi/status/1790000000000000000",
		"https://vxtwitter.com/jokowi/status/1790000000000000000/photo/1",
		"https://fixupx.com/someoneelse/status/1790000000000000000",
		"https://x.com/i/web/status/1790000000000000000",
		"https://twitter.com/#!/jokowi/status/1790000000000000000",
		"x.com/jokowi/status/1790000000000000000?ref_src=twsrc%5Etfw",
	}},
	{"x other post", "x:1790000000000000001", []string{
		"https://x.com/jokowi/status/1790000000000000001",
	}},
	{"instagram post", "instagram:C7xYz12AbCd", []string{
		"https://www.instagram.com/p/C7xYz12AbCd/",
		"https://instagram.com/p/C7xYz12AbCd/?igsh=MWZ4bGx3&utm_source=qr",
		"https://www.instagram.com/reel/C7xYz12AbCd/?igshid=NTc4MTIwNjQ2YQ==",
		"https://www.instagram.com/reels/C7xYz12AbCd",
		"https://www.instagram.com/tv/C7xYz12AbCd",
		"https://www.instagram.com/akun.hoaks/p/C7xYz12AbCd/?img_index=2",
		"https://instagr.am/p/C7xYz12AbCd",
		"https://www.ddinstagram.com/reel/C7xYz12AbCd/",
		"https://l.instagram.com/?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC7xYz12AbCd%2F&e=AT0",
	}},
	{"instagram other post differing in case", "instagram:C7xYz12ABCd", []string{
		"https://www.instagram.com/p/C7xYz12ABCd/",
	}},
	{"tiktok video", "tiktok:7350000000000000000", []string{
		"https://www.tiktok.com/@akun_hoaks/video/7350000000000000000",
		"https://www.tiktok.com/@akun_hoaks/video/7350000000000000000?is_from_webapp=1&sender_device=pc&web_id=123",
		"https://m.tiktok.com/v/7350000000000000000.html",
		"https://www.tiktok.com/@Akun_Hoaks/video/7350000000000000000/?lang=id-ID",
		"https://www.tiktok.com/embed/v2/7350000000000000000",
		"https://tiktok.com/@someone/video/7350000000000000000?_r=1&_t=8lAbC",
	}},
	{"tiktok photo post", "tiktok:7360000000000000000", []string{
		"https://www.tiktok.com/@akun/photo/7360000000000000000?lang=en",
	}},
	{"tiktok vt short link", "tiktok-short:ZSYabc123", []string{
		"https://vt.tiktok.com/ZSYabc123/",
		"https://vm.tiktok.com/ZSYabc123",
		"vt.tiktok.com/ZSYabc123",
		"https://www.tiktok.com/t/ZSYabc123/",
	}},
	{"tiktok other short link", "tiktok-short:ZSYabc124", []string{
		"https://vt.tiktok.com/ZSYabc124/",
	}},
	{"facebook page post", "facebook:1234567890123456", []string{
		"https://www.facebook.com/KominfoBali/posts/1234567890123456",
		"https://m.facebook.com/KominfoBali/posts/1234567890123456/?mibextid=Nif5oz",
		"https://web.facebook.com/KominfoBali/posts/1234567890123456?_rdc=1&_rdr",
		"https://mbasic.facebook.com/story.php?story_fbid=1234567890123456&id=100064123456789&__tn__=%2AW",
		"https://www.facebook.com/permalink.php?story_fbid=1234567890123456&id=100064123456789",
		"https://www.facebook.com/100064123456789/posts/1234567890123456/?app=fbl",
		"https://www.facebook.com/KominfoBali/posts/1234567890123456?__cft__[0]=AZX&__tn__=%2CO%2CP-R",
		"https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2FKominfoBali%2Fposts%2F1234567890123456&h=AT1",
	}},
	{"facebook other page's post", "facebook:1234567890123457", []string{
		"https://www.facebook.com/PemprovBali/posts/1234567890123457",
	}},
	{"facebook pfbid post", "facebook:pfbid02xYzAbC1dEfGhIjKlMnOpQrStUvWxYz1234567l", []string{
		"https://www.facebook.com/KominfoBali/posts/pfbid02xYzAbC1dEfGhIjKlMnOpQrStUvWxYz1234567l",
		"https://www.facebook.com/permalink.php?story_fbid=pfbid02xYzAbC1dEfGhIjKlMnOpQrStUvWxYz1234567l&id=100064123456789&mibextid=Nif5oz",
	}},
	{"facebook group post", "facebook:987654321098765", []string{
		"https://www.facebook.com/groups/infobali/posts/987654321098765/",
		"https://m.facebook.com/groups/123456789/permalink/987654321098765/?ref=share",
		"https://www.facebook.com/groups/infobali/?multi_permalinks=987654321098765&notif_id=1&ref=notif",
	}},
	{"facebook photo", "facebook-photo:10161234567890123", []string{
		"https://www.facebook.com/photo/?fbid=10161234567890123&set=a.123456",
		"https://www.facebook.com/photo.php?fbid=10161234567890123&set=pb.100064.-2207520000&type=3",
		"https://m.facebook.com/photo.php?fbid=10161234567890123&id=100064&set=a.1&source=48",
		"https://www.facebook.com/KominfoBali/photos/a.123456/10161234567890123/",
	}},
	{"facebook video", "facebook-video:1122334455667788", []string{
		"https://www.facebook.com/watch/?v=1122334455667788",
		"https://www.facebook.com/watch?v=1122334455667788&ref=sharing",
		"https://www.facebook.com/KominfoBali/videos/1122334455667788/",
		"https://web.facebook.com/KominfoBali/videos/judul-video/1122334455667788/?_rdc=1&_rdr",
		"https://www.facebook.com/reel/1122334455667788?mibextid=rS40aB7S9Ucbxw6v&fs=e",
		"https://m.facebook.com/video.php?v=1122334455667788",
	}},
	{"fb.watch", "fb.watch:aBcD3fGh1", []string{
		"https://fb.watch/aBcD3fGh1/",
		"https://fb.watch/aBcD3fGh1/?mibextid=Nif5oz",
	}},
	{"facebook share", "facebook-share:1AbCdEfGh2", []string{
		"https://www.facebook.com/share/p/1AbCdEfGh2/",
		"https://www.facebook.com/share/p/1AbCdEfGh2/?mibextid=WC7FNe",
		"https://m.facebook.com/share/r/1AbCdEfGh2",
		"https://www.facebook.com/share/v/1AbCdEfGh2/",
	}},
	{"whatsapp channel message", "whatsapp-channel:0029VaAbCdEfGhIjKlMnOp1q:123", []string{
		"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp1q/123",
		"https://www.whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp1q/123/",
		"whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp1q/123?utm_source=wa",
	}},
	{"whatsapp channel other message", "whatsapp-channel:0029VaAbCdEfGhIjKlMnOp1q:124", []string{
		"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp1q/124",
	}},
	{"whatsapp chat invite", "https://chat.whatsapp.com/KxYz123AbC", []string{
		"https://chat.whatsapp.com/KxYz123AbC",
		"https://chat.whatsapp.com/KxYz123AbC/?utm_campaign=x",
	}},
	{"whatsapp other chat invite differing in case", "https://chat.whatsapp.com/kxYz123AbC", []string{
		"https://chat.whatsapp.com/kxYz123AbC",
	}},
	{"telegram channel post", "telegram:infobali:4521", []string{
		"https://t.me/infobali/4521",
		"https://t.me/InfoBali/4521?single",
		"https://t.me/s/infobali/4521",
		"http://telegram.me/infobali/4521/",
		"t.me/infobali/4521",
		"https://telegram.dog/infobali/4521",
	}},
	{"telegram private chat post", "telegram-c:1234567890:77", []string{
		"https://t.me/c/1234567890/77",
		"https://t.me/c/1234567890/5/77",
	}},
	{"generic article", "https://kompas.com/read/2024/02/14/berita-hoaks", []string{
		"https://www.kompas.com/read/2024/02/14/berita-hoaks",
		"http://KOMPAS.com/read/2024/02/14/berita-hoaks/?utm_source=whatsapp&utm_medium=share",
		"https://www.kompas.com:443/read/2024/02/14/berita-hoaks#comments",
		"http://www.kompas.com:80/read/2024/./02/14/x/../berita-hoaks?fbclid=IwAR0abc",
		"kompas.com/read/2024/02/14/berita-hoaks",
		"https://m.kompas.com/read/2024/02/14/berita-hoaks?gclid=abc&",
		"https://www.kompas.com/read/2024/02/14/berita%2Dhoaks",
	}},
	{"generic article with content parameters sorted", "https://example.org/index.php?id=12&page=2", []string{
		"https://example.org/index.php?page=2&id=12",
		"https://www.example.org/index.php?id=12&utm_campaign=x&page=2&ref=wa",
		"https://web.example.org/index.php?page=2&id=12&si=abc&igshid=1",
	}},
	{"generic article other id", "https://example.org/index.php?id=13&page=2", []string{
		"https://example.org/index.php?page=2&id=13",
	}},
	{"percent-encoding", "https://example.org/caf%C3%A9/a%20b?q=nasi+goreng", []string{
		"https://example.org/café/a b?q=nasi%20goreng",
		"https://example.org/caf%c3%a9/a%20b?q=nasi+goreng",
	}},
	{"idn host", "https://bérita.id/x", []string{
		"https://BÉRITA.id/x",
		"https://www.bérita.id/x/",
	}},
	{"x profile", "https://x.com/jokowi", []string{
		"https://twitter.com/Jokowi",
		"https://x.com/jokowi?s=21&t=abc",
	}},
	{"facebook page", "https://facebook.com/kominfobali", []string{
		"https://www.facebook.com/kominfobali/?ref=page_internal&mibextid=ZbWKwL",
		"https://m.facebook.com/kominfobali",
	}},
	{"facebook other page", "https://facebook.com/kominfo", []string{
		"https://www.facebook.com/kominfo",
	}},
	{"facebook profile by id", "https://facebook.com/profile.php?id=100012345678901", []string{
		"https://www.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL",
		"https://web.facebook.com/profile.php?id=100012345678901&_rdc=1&_rdr",
	}},
	{"facebook other profile by id", "https://facebook.com/profile.php?id=100012345678902", []string{
		"https://www.facebook.com/profile.php?id=100012345678902",
	}},
	{"youtube playlist", "https://youtube.com/playlist?list=PLabcdef", []string{
		"https://www.youtube.com/playlist?list=PLabcdef&si=xyz",
		"https://m.youtube.com/playlist?feature=share&list=PLabcdef",
	}},
	{"root", "https://detik.com", []string{
		"https://www.detik.com/",
		"detik.com",
		"HTTP://DETIK.COM.",
	}},
	{"port kept", "https://example.org:8080/x", []string{
		"http://example.org:8080/x",
		"example.org:08080/x/",
	}},
}

func TestKeySameLink(t *testing.T) {
	owner := map[string]string{}
	for _, g := range sameKey {
		if prev, dup := owner[g.want]; dup {
			t.Errorf("groups %q and %q share the key %q", prev, g.name, g.want)
		}
		owner[g.want] = g.name
		t.Run(g.name, func(t *testing.T) {
			for _, in := range g.links {
				got, ok := Key(in)
				if !ok || got != g.want {
					t.Errorf("Key(%q) = %q, %v; want %q, true", in, got, ok, g.want)
				}
			}
		})
	}
}

func TestKeyNotLink(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"spaces", "   "},
		{"word", "hoaks"},
		{"number", "3.14"},
		{"version", "v1.2"},
		{"ftp", "ftp://example.org/file"},
		{"mailto", "mailto:polisi@example.go.id"},
		{"email", "polisi@example.go.id"},
		{"tel", "tel:+62361123456"},
		{"javascript", "javascript:alert(1)"},
		{"no host", "https:///path"},
		{"single slash", "https:/example.org"},
		{"bad port", "https://example.org:99999/"},
		{"port letters", "https://example.org:http/"},
		{"space in host", "https://exa mple.org/"},
		{"control char", "https://example.org/\x00"},
		{"empty label", "https://example..org/"},
		{"bad ipv6", "https://[::1/"},
		{"too long", "https://example.org/" + strings.Repeat("a", maxLen)},
		{"too long once escaped", "https://example.org/" + strings.Repeat("é", maxLen/4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := Key(tt.in); ok {
				t.Errorf("Key(%q) = %q, true; want false", tt.in, got)
			}
		})
	}
}

func TestKeyForms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"userinfo dropped", "https://user:pass@example.org/a", "https://example.org/a"},
		{"ipv4", "http://192.168.1.10:8080/a", "https://192.168.1.10:8080/a"},
		{"ipv6", "http://[2001:DB8::1]/a", "https://[2001:db8::1]/a"},
		{"scheme-relative", "//example.org/a", "https://example.org/a"},
		{"prefix kept when it is the domain", "https://m.id/a", "https://m.id/a"},
		{"double prefix", "https://www.m.example.org/a", "https://example.org/a"},
		{"invalid escape", "https://example.org/100%/a%zz", "https://example.org/100%25/a%25zz"},
		{"reserved escape kept", "https://example.org/a%2fb", "https://example.org/a%2Fb"},
		{"unreserved escape decoded", "https://example.org/%7Euser%41", "https://example.org/~userA"},
		{"dot segments above root", "https://example.org/../../a", "https://example.org/a"},
		{"empty query", "https://example.org/a?", "https://example.org/a"},
		{"value-less parameter", "https://example.org/a?b&a=1", "https://example.org/a?a=1&b"},
		{"tracking family", "https://example.org/a?utm_source=x&UTM_Medium=y&__cft__[0]=z", "https://example.org/a"},
		{"s kept off X", "https://example.org/search?s=hoaks", "https://example.org/search?s=hoaks"},
		{"feature kept off YouTube", "https://example.org/a?feature=1", "https://example.org/a?feature=1"},
		{"youtube id too short", "https://youtu.be/abc", "https://youtu.be/abc"},
		{"youtube channel", "https://www.youtube.com/@KominfoBali/videos", "https://youtube.com/@KominfoBali/videos"},
		{"instagram profile", "https://www.instagram.com/akun.hoaks/?igsh=abc", "https://instagram.com/akun.hoaks"},
		{"instagram story", "https://www.instagram.com/stories/Akun.Hoaks/3300000000000000000/?igsh=x", "https://instagram.com/stories/Akun.Hoaks/3300000000000000000"},
		{"tiktok profile", "https://www.tiktok.com/@akun_hoaks?lang=id", "https://tiktok.com/@akun_hoaks"},
		{"telegram channel", "https://t.me/InfoBali", "https://t.me/InfoBali"},
		{"telegram invite", "https://t.me/+AbCdEf123", "https://t.me/+AbCdEf123"},
		{"telegram joinchat", "https://t.me/joinchat/AbCdEf123", "https://t.me/joinchat/AbCdEf123"},
		{"whatsapp channel", "https://whatsapp.com/channel/0029VaAbCd", "https://whatsapp.com/channel/0029VaAbCd"},
		{"unwrap without target", "https://l.facebook.com/l.php?h=AT1", "https://facebook.com/l.php"},
		{"unwrap to a generic link", "https://l.facebook.com/l.php?u=https%3A%2F%2Fkompas.com%2Fa%3Futm_source%3Dfb&h=AT1", "https://kompas.com/a"},
		{"t.co stays", "https://t.co/AbCd123", "https://t.co/AbCd123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Key(tt.in)
			if !ok || got != tt.want {
				t.Errorf("Key(%q) = %q, %v; want %q, true", tt.in, got, ok, tt.want)
			}
		})
	}
}

func BenchmarkKey(b *testing.B) {
	links := []string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&si=abc",
		"https://twitter.com/jokowi/status/1790000000000000000?s=20&t=AbCdEfGh",
		"https://www.facebook.com/permalink.php?story_fbid=1234567890123456&id=100064123456789&mibextid=Nif5oz",
		"https://www.kompas.com/read/2024/02/14/berita-hoaks?utm_source=whatsapp&utm_medium=share",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := Key(links[i%len(links)]); !ok {
			b.Fatal("not a link")
		}
	}
}
