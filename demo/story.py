"""The Kupang story as demo data: the 7 March 2023 courtesy visit and the offer made there.

Facts about the visit come from the city's account of the meeting. City figures are rounded
from Japan's 2020 national census; each city names its source in `facts_source`. Every text a
citizen reads is given in Indonesian (ind), English (en) and Japanese (ja).
"""

import datetime

from core.roles import CITY_STAFF, CONSULATE_LIAISON

PROVINCES = [
    {"code": "BALI", "name_ind": "Bali", "name_en": "Bali", "name_ja": "バリ州"},
    {
        "code": "NTB",
        "name_ind": "Nusa Tenggara Barat",
        "name_en": "West Nusa Tenggara",
        "name_ja": "西ヌサ・トゥンガラ州",
    },
    {
        "code": "NTT",
        "name_ind": "Nusa Tenggara Timur",
        "name_en": "East Nusa Tenggara",
        "name_ja": "東ヌサ・トゥンガラ州",
    },
]

CONSULATE = {
    "slug": "consulate-general-of-japan-denpasar",
    "country": "JP",
    "seat": "Denpasar",
    "name_ind": "Konsulat Jenderal Jepang di Denpasar",
    "name_en": "Consulate-General of Japan in Denpasar",
    "name_ja": "在デンパサール日本国総領事館",
    "jurisdiction": ["BALI", "NTB", "NTT"],
}

CENSUS = {
    "facts_source_ind": "Sensus nasional Jepang 2020, dibulatkan",
    "facts_source_en": "Japan national census 2020, rounded",
    "facts_source_ja": "2020年国勢調査（概数）",
}

# What each of the offer's four sectors covers, as the city describes them.
SECTOR_DESCRIPTIONS = {
    "cleanliness": {
        "description_ind": "Pengelolaan sampah, bank sampah, dan kebersihan kota dan pantai.",
        "description_en": "Waste management, waste banks, and clean streets and beaches.",
        "description_ja": "廃棄物管理、ごみバンク、街と海岸の清掃。",
    },
    "education": {
        "description_ind": "Pertukaran guru dan murid, kemitraan sekolah, dan pelatihan bahasa.",
        "description_en": (
            "Teacher and student exchanges, school partnerships and language training."
        ),
        "description_ja": "教員・児童生徒の交流、学校間の提携、語学研修。",
    },
    "disaster-mitigation": {
        "description_ind": "Kesiapsiagaan gempa, tsunami, dan badai; latihan dan peringatan dini.",
        "description_en": (
            "Preparedness for earthquakes, tsunamis and storms; drills and early warning."
        ),
        "description_ja": "地震・津波・台風への備え、防災訓練と早期警報。",
    },
    "infrastructure": {
        "description_ind": "Air bersih, jalan, drainase, dan bantuan teknis perencanaan kota.",
        "description_en": "Clean water, roads, drainage and technical help with city planning.",
        "description_ja": "上水道、道路、排水と都市計画の技術支援。",
    },
}

CITIES = [
    {
        "slug": "kitakyushu",
        "native_name": "北九州市",
        "country": "JP",
        "name_ind": "Kitakyushu",
        "name_en": "Kitakyushu",
        "name_ja": "北九州市",
        "region_ind": "Prefektur Fukuoka",
        "region_en": "Fukuoka Prefecture",
        "region_ja": "福岡県",
        "summary_ind": "Kota industri pesisir yang dikenal dengan kerja sama lingkungan hidupnya.",
        "summary_en": "Coastal industrial city known for its environmental cooperation.",
        "summary_ja": "環境分野の国際協力で知られる沿岸の工業都市。",
        "population": 939_000,
        "is_coastal": True,
        "is_island": False,
        "strengths": ["cleanliness", "infrastructure"],
        "cyclone_risk": True,
        "existing_ties_ind": "Kerja sama Green Sister City dengan Surabaya (sejak 2012).",
        "existing_ties_en": "Green Sister City cooperation with Surabaya (since 2012).",
        "existing_ties_ja": "スラバヤ市との環境姉妹都市協力（2012年から）。",
        "latitude": "33.883300",
        "longitude": "130.875000",
    },
    {
        "slug": "sendai",
        "native_name": "仙台市",
        "country": "JP",
        "name_ind": "Sendai",
        "name_en": "Sendai",
        "name_ja": "仙台市",
        "region_ind": "Prefektur Miyagi",
        "region_en": "Miyagi Prefecture",
        "region_ja": "宮城県",
        "summary_ind": "Tuan rumah Konferensi Dunia PBB tentang Pengurangan Risiko Bencana 2015.",
        "summary_en": "Host of the 2015 UN World Conference on Disaster Risk Reduction.",
        "summary_ja": "2015年国連防災世界会議の開催都市。",
        "population": 1_097_000,
        "is_coastal": True,
        "is_island": False,
        "strengths": ["disaster-mitigation", "education"],
        "earthquake_risk": True,
        "tsunami_risk": True,
        "existing_ties": "",
        "latitude": "38.268200",
        "longitude": "140.869400",
    },
    {
        "slug": "kobe",
        "native_name": "神戸市",
        "country": "JP",
        "name_ind": "Kobe",
        "name_en": "Kobe",
        "name_ja": "神戸市",
        "region_ind": "Prefektur Hyogo",
        "region_en": "Hyogo Prefecture",
        "region_ja": "兵庫県",
        "summary_ind": (
            "Kota pelabuhan yang bangkit kembali setelah Gempa Besar Hanshin-Awaji 1995."
        ),
        "summary_en": "Port city rebuilt after the 1995 Great Hanshin-Awaji Earthquake.",
        "summary_ja": "1995年の阪神・淡路大震災から復興した港湾都市。",
        "population": 1_525_000,
        "is_coastal": True,
        "is_island": False,
        "strengths": ["disaster-mitigation", "infrastructure"],
        "earthquake_risk": True,
        "tsunami_risk": True,
        "existing_ties": "",
        "latitude": "34.690100",
        "longitude": "135.195600",
    },
    {
        "slug": "naha",
        "native_name": "那覇市",
        "country": "JP",
        "name_ind": "Naha",
        "name_en": "Naha",
        "name_ja": "那覇市",
        "region_ind": "Prefektur Okinawa",
        "region_en": "Okinawa Prefecture",
        "region_ja": "沖縄県",
        "summary_ind": "Ibu kota kepulauan Okinawa, kota pulau beriklim subtropis.",
        "summary_en": "Capital of the Okinawa islands, a subtropical island city.",
        "summary_ja": "沖縄県の県庁所在地で、亜熱帯の島しょ都市。",
        "population": 318_000,
        "is_coastal": True,
        "is_island": True,
        "strengths": ["education"],
        "cyclone_risk": True,
        "existing_ties": "",
        "latitude": "26.212400",
        "longitude": "127.680900",
    },
]

PROPOSAL = {
    "reference": "KPG-2023-001",
    "slug": "kupang-japan-sister-city",
    "title_ind": "Kemitraan kota kembar Kupang dengan sebuah kota di Jepang",
    "title_en": "Sister-city partnership between Kupang and a Japanese city",
    "title_ja": "クパン市と日本の都市との姉妹都市提携",
    "summary_ind": (
        "Pada 7 Maret 2023 Penjabat Wali Kota Kupang menawarkan kemitraan kota kembar dengan "
        "Jepang kepada Konsul Jenderal Jepang di Denpasar, berfokus pada kebersihan, pendidikan, "
        "mitigasi bencana, dan infrastruktur."
    ),
    "summary_en": (
        "On 7 March 2023 the Acting Mayor of Kupang offered the Consul-General of Japan in "
        "Denpasar a sister-city partnership with Japan focused on cleanliness, education, "
        "disaster mitigation and infrastructure."
    ),
    "summary_ja": (
        "2023年3月7日、クパン市長代行は在デンパサール日本国総領事に対し、清掃、教育、防災、"
        "インフラ整備の4分野を重点とする日本との姉妹都市提携を提案した。"
    ),
    "partner_country": "JP",
    "offered_on": datetime.date(2023, 3, 7),
    "sectors": ["cleanliness", "education", "disaster-mitigation", "infrastructure"],
}

# The offer is made through the lifecycle service, dated at the courtesy visit.
OFFERED_AT = datetime.datetime(2023, 3, 7, 10, 0)
OFFER_NOTE = {
    "id": (
        "Disampaikan oleh Penjabat Wali Kota Kupang kepada Konsul Jenderal Jepang di Denpasar "
        "dalam kunjungan kehormatan di Balai Kota Kupang."
    ),
    "en": (
        "Made by the Acting Mayor of Kupang to the Consul-General of Japan in Denpasar during "
        "her courtesy visit to Kupang City Hall."
    ),
    "ja": (
        "クパン市役所への表敬訪問の際、クパン市長代行から在デンパサール日本国総領事に提案された。"
    ),
}

DEMO_USERS = [
    {
        "username": "demo-staff",
        "password": "kupang-demo-staff",
        "group": CITY_STAFF,
        "is_staff": True,
        "first_name": "Demo",
        "last_name": "Staff",
    },
    {
        "username": "demo-liaison",
        "password": "kupang-demo-liaison",
        "group": CONSULATE_LIAISON,
        "is_staff": False,
        "first_name": "Demo",
        "last_name": "Liaison",
    },
]
