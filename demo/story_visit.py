"""The Kupang story's courtesy visit of 7 March 2023: the visit, who came, and what was promised
(from the city's account of the meeting). Every text a citizen reads is given in Indonesian
(ind), English (en) and Japanese (ja)."""

import datetime

VISIT = {
    "slug": "consul-general-courtesy-visit-2023-03-07",
    "direction": "inbound",
    "starts_on": datetime.date(2023, 3, 7),
    "ends_on": datetime.date(2023, 3, 7),
    "host_ind": "Pemerintah Kota Kupang",
    "host_en": "City Government of Kupang",
    "host_ja": "クパン市役所",
    "visiting_mission_ind": "Konsulat Jenderal Jepang di Denpasar",
    "visiting_mission_en": "Consulate-General of Japan in Denpasar",
    "visiting_mission_ja": "在デンパサール日本国総領事館",
    "published": True,
    "sectors": ["cleanliness", "education", "disaster-mitigation", "infrastructure"],
    "title_ind": "Kunjungan kehormatan Konsul Jenderal Jepang ke Kupang",
    "title_en": "Courtesy visit of the Consul-General of Japan to Kupang",
    "title_ja": "在デンパサール日本国総領事のクパン市表敬訪問",
    "place_ind": "Balai Kota Kupang",
    "place_en": "Kupang City Hall",
    "place_ja": "クパン市役所",
    "purpose_ind": (
        "Kunjungan kerja pertama Konsul Jenderal ke Kupang. Sekitar 30 warga negara Jepang "
        "tinggal di Kupang."
    ),
    "purpose_en": (
        "The Consul-General's first working visit to Kupang. About 30 Japanese nationals "
        "live in Kupang."
    ),
    "purpose_ja": "総領事による初のクパン市公式訪問。クパン市には約30人の日本人が在住している。",
    "highlights_ind": (
        "- Sambutan *natoni* (tuturan adat Timor) dalam bahasa Inggris oleh murid SDN Fontein I\n"
        "- Konsul Jenderal dikalungi kain tenun NTT"
    ),
    "highlights_en": (
        "- A *natoni* welcome (traditional Timorese spoken greeting) delivered in English by "
        "pupils of SDN Fontein I\n"
        "- The Consul-General was draped with NTT woven cloth"
    ),
    "highlights_ja": (
        "- SDNフォンテイン第一小学校の児童による英語での"
        "*ナトニ*（ティモールの伝統的な口上）の歓迎\n"
        "- 総領事にNTTの織物が掛けられた"
    ),
}

DELEGATES = [
    {
        "name": "George M. Hadjoh",
        "side": "host",
        "order": 1,
        "organisation_ind": "Pemerintah Kota Kupang",
        "organisation_en": "City Government of Kupang",
        "organisation_ja": "クパン市役所",
        "title_ind": "Penjabat Wali Kota Kupang",
        "title_en": "Acting Mayor of Kupang",
        "title_ja": "クパン市長代行",
    },
    {
        "name": "Fahrensy P. Funay",
        "side": "host",
        "order": 2,
        "organisation_ind": "Pemerintah Kota Kupang",
        "organisation_en": "City Government of Kupang",
        "organisation_ja": "クパン市役所",
        "title_ind": "Sekretaris Daerah Kota Kupang",
        "title_en": "City Secretary of Kupang",
        "title_ja": "クパン市事務局長",
    },
    {
        "name": "",  # the city's account of the meeting gives the office, not the name
        "side": "host",
        "order": 3,
        "organisation_ind": "Pemerintah Kota Kupang",
        "organisation_en": "City Government of Kupang",
        "organisation_ja": "クパン市役所",
        "title_ind": "Kepala Dinas Pendidikan dan Kebudayaan Kota Kupang",
        "title_en": "Head of the Education and Culture Office, Kupang",
        "title_ja": "クパン市教育文化局長",
    },
    {
        "name": "Katsumata Harumi",
        "side": "guest",
        "order": 1,
        "organisation_ind": "Konsulat Jenderal Jepang di Denpasar",
        "organisation_en": "Consulate-General of Japan in Denpasar",
        "organisation_ja": "在デンパサール日本国総領事館",
        "title_ind": "Konsul Jenderal Jepang di Denpasar",
        "title_en": "Consul-General of Japan in Denpasar",
        "title_ja": "在デンパサール日本国総領事",
    },
]

COMMITMENTS = [
    {
        "owner_ind": "Konsul Jenderal Jepang di Denpasar",
        "owner_en": "Consul-General of Japan in Denpasar",
        "owner_ja": "在デンパサール日本国総領事",
        "state": "open",
        "description_ind": (
            "Berkoordinasi dengan Tokyo untuk menemukan kota di Jepang yang paling sesuai dengan "
            "karakter Kupang dan keempat sektornya"
        ),
        "description_en": (
            "Coordinate with Tokyo to find the Japanese city that best fits Kupang's character and "
            "its four sectors"
        ),
        "description_ja": "クパン市の特徴と4分野に最も合う日本の都市を東京と調整して探す",
    },
    {
        "owner_ind": "Konsul Jenderal Jepang di Denpasar",
        "owner_en": "Consul-General of Japan in Denpasar",
        "owner_ja": "在デンパサール日本国総領事",
        "state": "open",
        "description_ind": "Mengajak Duta Besar Jepang di Jakarta berkunjung ke Kupang",
        "description_en": "Bring the Ambassador of Japan in Jakarta to Kupang",
        "description_ja": "在インドネシア日本国大使のクパン訪問を実現する",
    },
]
