package triage

import "testing"

var psUrgent = []tc{
	{"ps", "زما میړه اوس ما وهي، مرسته وکړئ", urg(Violence)},
	{"ps", "غواړي ما ووژني، چاقو یې په لاس کې دی", urg(Violence)},
	{"ps", "په تشناب کې یې بند کړې یم", urg(Violence)},
	{"ps", "نه غواړم ژوندی پاتې شم", urg(Suicide)},
	{"ps", "ځان به ووژنم", urg(Suicide)},
	{"ps", "زان به ووژنم", urg(Suicide)},
	{"ps", "نن شپه هر څه ختموم", urg(Suicide)},
	{"ps", "پاسپورټ یې اخیستی او نه مې پرېږدي چې ووځم", urg(Trafficking)},
	{"ps", "په زور مې فحشا ته مجبوروي", urg(Trafficking)},
	{"ps", "زه ۱۵ کلن یم او په سټیشن کې ویده کیږم", urg(Child)},
	{"ps", "زوی مې ورک دی", urg(Child)},
	{"ps", "ورور مې ډېره وینه بهیږي", urg(Injury)},
	{"ps", "ښځه مې حامله ده او وینه ورځي", urg(Injury)},
	{"ps", "کښتۍ مو ډوبیږي", urg(Sea)},
	{"ps", "موږ په سمندر کې یو، اوبه نشته", urg(Sea)},
}

var psCalm = []tc{
	{"ps", "میړه مې څو ځله وهلې یم، که طلاق واخلم اقامت به مې له لاسه ورکړم؟", none},
	{"ps", "په ایټالیا کې د امبولانس شمیره څه ده؟", none},
	{"ps", "زه ۱۷ کلن یم، ښوونځي ته تللی شم؟", none},
	{"ps", "په ورځ کې ۱۲ ساعته کار کوم په ۳ یورو", none},
	{"ps", "په افغانستان کې طالبانو ګواښ کړی و، پناه راکوي؟", none},
	{"ps", "حامله یم، د STP کارت څنګه واخلم؟", none},
	{"ps", "په کښتۍ کې ایټالیا ته راغلم، اوس اسناد غواړم", none},
	{"ps", "زما ملګري پروسږکال ځان وژنه وکړه", none},
	{"ps", "که بیرته افغانستان ته لاړ شم طالبان به ما ووژني، پناه راکوي؟", none},
	{"ps", "کارفرما مې پاسپورټ ساتلی، دا قانوني دی؟", none},
}

var psEscalate = []tc{
	{"ps", "غواړم جرمني ته لاړ شم", esc(OtherCountry)},
	{"ps", "په فرانسه کې پناه څنګه اخیستلی شم؟", esc(OtherCountry)},
	{"ps", "په ایټالیا کې ژوند نه غواړم، جرمني ته ځم", esc(OtherCountry)},
	{"ps", "مخکې مې په اتریش کې پناه غوښتې وه", none},
	{"ps", "پاسپورټ مې په لیبیا کې ورک شو", none},
	{"ps", "غواړم ښځه مې له افغانستان نه راولم", none},
	{"ps", "زما لپاره کویستورا ته زنګ ووهئ", esc(PersonalCase)},
	{"ps", "زما کیس وګورئ", esc(PersonalCase)},
	{"ps", "اپیل مې ولیکئ مهرباني", esc(PersonalCase)},
	{"ps", "څنګه د کویستورا وخت ونیسم؟", none},
	{"ps", "اپیل څنګه ولیکم؟", none},
}

var psSmalltalk = []tc{
	{"ps", "ستړي مه شې", small(Greeting)},
	{"ps", "السلام علیکم", small(Greeting)},
	{"ps", "ډېره مننه ورور", small(Thanks)},
	{"ps", "سلام، اقامت څنګه نوی کړم؟", none},
}

func TestPashto(t *testing.T) {
	t.Run("urgent", func(t *testing.T) { run(t, psUrgent) })
	t.Run("calm", func(t *testing.T) { run(t, psCalm) })
	t.Run("escalate", func(t *testing.T) { run(t, psEscalate) })
	t.Run("smalltalk", func(t *testing.T) { run(t, psSmalltalk) })
}
